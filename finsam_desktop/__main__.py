from finsam_desktop.app import main

raise SystemExit(main())
