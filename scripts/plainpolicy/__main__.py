from plainpolicy.cli import main

raise SystemExit(main())
