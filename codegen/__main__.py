"""``python -m codegen generate | check | update-wsdl VERSION``."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from codegen.reader import CodegenError
from codegen.sources import OUTPUT_DIR, SERVICES, WSDL_DIR


def main(argv: list[str] | None = None) -> int:
    """Run one codegen command; a :class:`CodegenError` exits 2 with its message."""
    parser = argparse.ArgumentParser(prog="python -m codegen")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in [
        ("generate", "regenerate generated/ from wsdl/"),
        ("check", "fail when generated/ is not what codegen produces"),
    ]:
        command = sub.add_parser(name, help=text)
        command.add_argument(
            "--wsdl-dir", type=Path, default=WSDL_DIR, help="holds production/ and sandbox/"
        )
        command.add_argument(
            "--output", type=Path, default=OUTPUT_DIR, help="the generated package folder"
        )
    update_command = sub.add_parser(
        "update-wsdl", help="vendor the WSDLs of another bingads release"
    )
    update_command.add_argument("version", nargs="?", default="")
    update_command.add_argument(
        "--docs-git-dir",
        type=Path,
        default=None,
        help="a clone of MicrosoftDocs/Advertising (else a shallow clone is made)",
    )
    args = parser.parse_args(argv)
    try:
        if args.command in ("generate", "check"):
            from codegen.writer import check, generate

            sources = tuple(dataclasses.replace(s, wsdl_dir=args.wsdl_dir) for s in SERVICES)
            run = generate if args.command == "generate" else check
            return run(args.output, sources)
        from codegen.update_wsdl import update

        return update(args.version, args.docs_git_dir)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
