from assistants_migrate.cli import main

raise SystemExit(main())
