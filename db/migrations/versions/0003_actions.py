"""Actions proposed in chat and their append-only audit trail.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 09:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

APPEND_ONLY = ("actions", "action_events")


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("target_key", sa.String(length=400), nullable=False),
        sa.Column("risk", sa.String(length=8), nullable=False),
        sa.Column("params", JSON, nullable=False),
        sa.Column("preview", JSON, nullable=False),
        sa.Column("finding", JSON, nullable=True),
        sa.Column("estimated_monthly_saving", sa.Float(), nullable=True),
        sa.Column("backend", sa.String(length=16), nullable=False),
        sa.Column("conversation_id", sa.String(length=36), nullable=True),
        sa.Column("proposed_by", sa.String(length=320), nullable=False),
        sa.Column("proposed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("risk in ('low', 'medium', 'high')", name=op.f("ck_actions_risk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actions")),
    )
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_actions_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_target_key"), ["target_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_actions_conversation_id"), ["conversation_id"], unique=False)

    op.create_table(
        "action_events",
        sa.Column("id", BIGID, autoincrement=True, nullable=False),
        sa.Column("action_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("once_key", sa.String(length=16), nullable=True),
        sa.Column("actor", sa.String(length=320), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detail", JSON, nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.CheckConstraint("event in ('proposed', 'approved', 'rejected', 'dry_run', 'executed', 'failed', "
                           "'verified', 'regressed', 'pending')", name=op.f("ck_action_events_event")),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], name=op.f("fk_action_events_action_id_actions"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_events")),
        sa.UniqueConstraint("action_id", "seq", name=op.f("uq_action_events_action_id_seq")),
        sa.UniqueConstraint("action_id", "once_key", name=op.f("uq_action_events_action_id_once_key")),
    )
    with op.batch_alter_table("action_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_events_action_id"), ["action_id"], unique=False)

    # The trail is append-only at the database too, not only in the ORM.
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in APPEND_ONLY:
            for verb in ("update", "delete"):
                op.execute(f"create trigger {table}_no_{verb} before {verb} on {table} "
                           f"begin select raise(abort, '{table} is append-only'); end")
    elif dialect == "postgresql":
        op.execute("create or replace function actions_append_only() returns trigger language plpgsql as $$ "
                   "begin raise exception '% is append-only', tg_table_name; end $$")
        for table in APPEND_ONLY:
            op.execute(f"create trigger {table}_append_only before update or delete on {table} "
                       "for each row execute function actions_append_only()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in APPEND_ONLY:
        if dialect == "sqlite":
            for verb in ("update", "delete"):
                op.execute(f"drop trigger if exists {table}_no_{verb}")
        elif dialect == "postgresql":
            op.execute(f"drop trigger if exists {table}_append_only on {table}")
    if dialect == "postgresql":
        op.execute("drop function if exists actions_append_only()")
    with op.batch_alter_table("action_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_events_action_id"))
    op.drop_table("action_events")
    with op.batch_alter_table("actions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actions_conversation_id"))
        batch_op.drop_index(batch_op.f("ix_actions_target_key"))
        batch_op.drop_index(batch_op.f("ix_actions_kind"))
    op.drop_table("actions")
