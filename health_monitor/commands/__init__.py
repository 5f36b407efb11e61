"""Sub-commands of ``health-monitor``: one module each, discovered by the CLI.

Command modules import their heavy dependencies inside ``run`` so ``--help`` stays fast.
"""
