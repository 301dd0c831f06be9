"""One module per subcommand: `add_parser(subparsers, name, help)` and `run(args) -> int`."""
