"""`python -m ale_cli`: the `ale` command where its script is not on PATH (a `pip install --user` on Windows)."""

if __name__ == "__main__":
    from ale_cli.cli import main

    raise SystemExit(main())
