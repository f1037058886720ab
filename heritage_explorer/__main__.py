from heritage_explorer.cli import main

raise SystemExit(main())
