"""Entry script of the frozen app (PyInstaller): the ``heritage-explorer`` command, GUI by default.

``multiprocessing.freeze_support()`` comes first: extraction runs in a *spawned* child, which in a
frozen app is this same executable started with ``--multiprocessing-fork``; PyInstaller's
``freeze_support`` (on every platform) turns such a start into the child's work and exits,
so a child never opens a second window.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from heritage_explorer.cli import main

    sys.exit(main())
