"""Initial state schema: conversations, messages, preferences, alerts, roles, integrations.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 08:00:16.432568
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# Frozen copies of db.models' portable types (a migration must not change when the models do).
JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
BIGID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('alert_rules',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('owner', sa.String(length=320), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('definition', JSON, nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('(true)'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_rules')),
    sa.UniqueConstraint('owner', 'name', name=op.f('uq_alert_rules_owner_name'))
    )
    with op.batch_alter_table('alert_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_rules_owner'), ['owner'], unique=False)

    op.create_table('chat_conversations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=320), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('agent', sa.String(length=64), nullable=False),
    sa.Column('archived', sa.Boolean(), server_default=sa.text('(false)'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_conversations'))
    )
    with op.batch_alter_table('chat_conversations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_conversations_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_chat_conversations_user_id_updated_at'), ['user_id', 'updated_at'], unique=False)

    op.create_table('integrations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('owner', sa.String(length=320), nullable=True),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('config', JSON, nullable=False),
    sa.Column('enabled', sa.Boolean(), server_default=sa.text('(true)'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_integrations'))
    )
    with op.batch_alter_table('integrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_integrations_owner'), ['owner'], unique=False)

    op.create_table('state_meta',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', JSON, nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_state_meta'))
    )
    op.create_table('user_preferences',
    sa.Column('user_id', sa.String(length=320), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=True),
    sa.Column('timezone', sa.String(length=64), server_default='UTC', nullable=False),
    sa.Column('theme', sa.String(length=16), server_default='system', nullable=False),
    sa.Column('refresh_seconds', sa.Integer(), server_default='300', nullable=False),
    sa.Column('filters', JSON, nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_preferences'))
    )
    op.create_table('user_roles',
    sa.Column('user_id', sa.String(length=320), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('granted_by', sa.String(length=320), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role in ('admin', 'viewer')", name=op.f('ck_user_roles_role')),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_user_roles'))
    )
    op.create_table('alert_events',
    sa.Column('id', BIGID, autoincrement=True, nullable=False),
    sa.Column('rule_id', sa.String(length=36), nullable=False),
    sa.Column('rule_name', sa.String(length=120), nullable=False),
    sa.Column('dedup_key', sa.String(length=255), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=True),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('threshold', sa.Float(), nullable=True),
    sa.Column('resolved_value', sa.Float(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('details', JSON, nullable=True),
    sa.Column('first_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('resolved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('evaluation_count', sa.Integer(), nullable=False),
    sa.CheckConstraint("status in ('fired', 'firing', 'resolved')", name=op.f('ck_alert_events_status')),
    sa.ForeignKeyConstraint(['rule_id'], ['alert_rules.id'], name=op.f('fk_alert_events_rule_id_alert_rules'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_events'))
    )
    with op.batch_alter_table('alert_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_events_dedup_key'), ['dedup_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_events_rule_id'), ['rule_id'], unique=False)
        batch_op.create_index('uq_alert_events_open', ['rule_id', 'dedup_key'], unique=True, sqlite_where=sa.text('resolved_at is null'), postgresql_where=sa.text('resolved_at is null'))

    op.create_table('chat_messages',
    sa.Column('id', BIGID, autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('tool_calls', JSON, nullable=True),
    sa.Column('agents', JSON, nullable=True),
    sa.Column('context', JSON, nullable=True),
    sa.Column('client_msg_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=8), server_default='ok', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role in ('user', 'assistant', 'system')", name=op.f('ck_chat_messages_role')),
    sa.CheckConstraint("status in ('ok', 'error')", name=op.f('ck_chat_messages_status')),
    sa.ForeignKeyConstraint(['conversation_id'], ['chat_conversations.id'], name=op.f('fk_chat_messages_conversation_id_chat_conversations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_chat_messages')),
    sa.UniqueConstraint('conversation_id', 'client_msg_id', name=op.f('uq_chat_messages_conversation_id_client_msg_id')),
    sa.UniqueConstraint('conversation_id', 'seq', name=op.f('uq_chat_messages_conversation_id_seq'))
    )
    op.create_table('integration_secrets',
    sa.Column('id', BIGID, autoincrement=True, nullable=False),
    sa.Column('integration_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('ciphertext', sa.Text(), nullable=False),
    sa.Column('hint', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['integration_id'], ['integrations.id'], name=op.f('fk_integration_secrets_integration_id_integrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_integration_secrets')),
    sa.UniqueConstraint('integration_id', 'name', name=op.f('uq_integration_secrets_integration_id_name'))
    )
    op.create_table('alert_deliveries',
    sa.Column('id', BIGID, autoincrement=True, nullable=False),
    sa.Column('event_id', BIGID, nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('http_status', sa.Integer(), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind in ('trigger', 'resolve')", name=op.f('ck_alert_deliveries_kind')),
    sa.CheckConstraint("status in ('pending', 'sent', 'delivered', 'failed', 'abandoned')", name=op.f('ck_alert_deliveries_status')),
    sa.ForeignKeyConstraint(['event_id'], ['alert_events.id'], name=op.f('fk_alert_deliveries_event_id_alert_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_deliveries'))
    )
    with op.batch_alter_table('alert_deliveries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_alert_deliveries_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_alert_deliveries_status_next_attempt_at'), ['status', 'next_attempt_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('alert_deliveries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_deliveries_status_next_attempt_at'))
        batch_op.drop_index(batch_op.f('ix_alert_deliveries_event_id'))

    op.drop_table('alert_deliveries')
    op.drop_table('integration_secrets')
    op.drop_table('chat_messages')
    with op.batch_alter_table('alert_events', schema=None) as batch_op:
        batch_op.drop_index('uq_alert_events_open', sqlite_where=sa.text('resolved_at is null'), postgresql_where=sa.text('resolved_at is null'))
        batch_op.drop_index(batch_op.f('ix_alert_events_rule_id'))
        batch_op.drop_index(batch_op.f('ix_alert_events_dedup_key'))

    op.drop_table('alert_events')
    op.drop_table('user_roles')
    op.drop_table('user_preferences')
    op.drop_table('state_meta')
    with op.batch_alter_table('integrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_integrations_owner'))

    op.drop_table('integrations')
    with op.batch_alter_table('chat_conversations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_conversations_user_id_updated_at'))
        batch_op.drop_index(batch_op.f('ix_chat_conversations_user_id'))

    op.drop_table('chat_conversations')
    with op.batch_alter_table('alert_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_alert_rules_owner'))

    op.drop_table('alert_rules')
