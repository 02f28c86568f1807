"""``python -m codegen generate | check | update-wsdl VERSION``."""

from __future__ import annotations

import argparse
import sys

from codegen.reader import CodegenError


def main(argv: list[str] | None = None) -> int:
    """Run one codegen command; a :class:`CodegenError` exits 2 with its message."""
    parser = argparse.ArgumentParser(prog="python -m codegen")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("generate", help="regenerate generated/ from wsdl/")
    sub.add_parser("check", help="fail when generated/ is not what codegen produces")
    update = sub.add_parser("update-wsdl", help="vendor the WSDLs of another bingads release")
    update.add_argument("version", nargs="?", default="")
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            from codegen.writer import generate

            return generate()
        if args.command == "check":
            from codegen.writer import check

            return check()
        from codegen.update_wsdl import update

        return update(args.version)
    except CodegenError as exc:
        print(f"codegen: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
