"""A malformed or unsupported WSDL stops codegen with a message naming the file and the element,
and leaves the output folder as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wsdl_tiny import ARRAYS, NS, TINY, TinyWsdl, write_sources

from codegen.__main__ import main
from codegen.build import build_model
from codegen.reader import CodegenError
from codegen.sources import SERVICES, WSDL_DIR

OTHER_NS = "https://example.com/Gadgets/v1"
THING = f"{{{NS}}}Thing"


def _without(text: str, start: str, end: str) -> str:
    return text[: text.index(start)] + text[text.index(end) + len(end) :]


def _other(text: str) -> TinyWsdl:
    """A second service that shares ``Thing`` with the tiny one."""
    renamed = text.replace("TinyService", "OtherService").replace("GetThing", "GetOther")
    return TinyWsdl(renamed, "other_service.xml", "OtherService")


def _replace(old: str, new: str, text: str = TINY) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


NAME_FIELD = '<xs:element minOccurs="0" name="Name" nillable="true" type="xs:string"/>'

# case → (WSDLs, the file the message names, what else it must say)
CASES: dict[str, tuple[list[TinyWsdl], str, list[str]]] = {
    "not XML": (
        [TinyWsdl("this is not XML")],
        "tiny_service.xml",
        ["not well-formed XML", "line 1"],
    ),
    "truncated": ([TinyWsdl(TINY[:-40])], "tiny_service.xml", ["not well-formed XML", "line 82"]),
    "no portType": (
        [TinyWsdl(_without(TINY, "<wsdl:portType", "</wsdl:portType>"))],
        "tiny_service.xml",
        ["no wsdl:portType"],
    ),
    "unknown namespace": (
        [
            TinyWsdl(
                TINY.replace(
                    f'targetNamespace="{NS}"\n        xmlns:xs',
                    f'targetNamespace="{OTHER_NS}"\n        xmlns:xs',
                )
            )
        ],
        "tiny_service.xml",
        [f"{{{OTHER_NS}}}ThingStatus", f"namespace {OTHER_NS!r} has no home"],
    ),
    "undefined type": (
        [TinyWsdl(_replace(NAME_FIELD, NAME_FIELD.replace("xs:string", "tns:Gizmo")))],
        "tiny_service.xml",
        [f"{THING}.Name", f"type {{{NS}}}Gizmo is not defined"],
    ),
    "undefined base type": (
        [
            TinyWsdl(
                _replace(
                    '</xs:sequence>\n      </xs:complexType>\n      <xs:element name="Thing"',
                    '</xs:sequence></xs:extension></xs:complexContent></xs:complexType><xs:element name="Thing"',
                    _replace(
                        '<xs:complexType name="Thing">\n        <xs:sequence>',
                        '<xs:complexType name="Thing"><xs:complexContent>'
                        '<xs:extension base="tns:Widget"><xs:sequence>',
                    ),
                )
            )
        ],
        "tiny_service.xml",
        [THING, f"base type {{{NS}}}Widget is not defined"],
    ),
    "field name with no naming rule": (
        [TinyWsdl(_replace('name="Name" nillable', 'name="Price-Per-Click" nillable'))],
        "tiny_service.xml",
        [f"{THING}.Price-Per-Click", "not a Python identifier and has no naming rule"],
    ),
    "enum value with no naming rule": (
        [TinyWsdl(_replace('value="Active"', 'value="Active.Now"'))],
        "tiny_service.xml",
        [f"{{{NS}}}ThingStatus", "'Active.Now' is not a Python identifier"],
    ),
    "same type defined differently": (
        [TinyWsdl(TINY), _other(_replace(NAME_FIELD, NAME_FIELD.replace("xs:string", "xs:int")))],
        "other_service.xml",
        [THING, "defined differently in tiny_service.xml"],
    ),
    "same enum defined differently": (
        [TinyWsdl(TINY), _other(_replace('<xs:enumeration value="None"/>', ""))],
        "other_service.xml",
        [f"{{{NS}}}ThingStatus", "defined differently in tiny_service.xml"],
    ),
    "xs:choice": (
        [
            TinyWsdl(
                _replace(
                    '</xs:sequence></xs:complexType>\n      </xs:element>\n      <xs:element name="GetThingResponse">',
                    '</xs:choice></xs:complexType>\n      </xs:element>\n      <xs:element name="GetThingResponse">',
                    _replace(
                        '<xs:complexType><xs:sequence>\n          <xs:element minOccurs="0" name="Id"',
                        '<xs:complexType><xs:choice>\n          <xs:element minOccurs="0" name="Id"',
                    ),
                )
            )
        ],
        "tiny_service.xml",
        [f"{{{NS}}}GetThingRequest", "'Id'", "xs:choice"],
    ),
    "xs:attribute": (
        [
            TinyWsdl(
                _replace(
                    '</xs:sequence>\n      </xs:complexType>\n      <xs:element name="Thing"',
                    '</xs:sequence><xs:attribute name="Version" type="xs:int"/></xs:complexType>'
                    '<xs:element name="Thing"',
                )
            )
        ],
        "tiny_service.xml",
        [THING, "'Version' is unsupported"],
    ),
    "unsupported built-in": (
        [TinyWsdl(_replace(NAME_FIELD, NAME_FIELD.replace("xs:string", "xs:gYear")))],
        "tiny_service.xml",
        [f"{THING}.Name", "'gYear' is unsupported"],
    ),
    "array that is not one repeated element": (
        [TinyWsdl(_replace('maxOccurs="unbounded" name="long"', 'name="long"'))],
        "tiny_service.xml",
        [f"{{{ARRAYS}}}ArrayOflong", "not one repeated element"],
    ),
    "message element without a type": (
        [TinyWsdl(_replace('element="tns:GetThingResponse"', 'element="tns:GetNothingResponse"'))],
        "tiny_service.xml",
        ["operation GetThing", f"{{{NS}}}GetNothingResponse has no type"],
    ),
    "binding without soapAction": (
        [TinyWsdl(_replace('<soap:operation soapAction="GetThing" style="document"/>', ""))],
        "tiny_service.xml",
        ["operation GetThing", "no soap:operation soapAction"],
    ),
}


def test_the_tiny_wsdl_itself_is_fine(tmp_path: Path) -> None:
    model = build_model(write_sources(tmp_path, TinyWsdl(TINY)))
    assert sorted(model.complex_types) == [
        f"{{{NS}}}GetThingRequest",
        f"{{{NS}}}GetThingResponse",
        THING,
    ]
    [service] = model.services
    assert [op.name for op in service.operations] == ["GetThing"]
    assert service.endpoints == {
        "production": "https://tiny.example/TinyService.svc",
        "sandbox": "https://tiny.example/TinyService.svc",
    }


@pytest.mark.parametrize("case", CASES)
def test_build_fails_naming_file_and_element(case: str, tmp_path: Path) -> None:
    wsdls, file, fragments = CASES[case]
    with pytest.raises(CodegenError) as info:
        build_model(write_sources(tmp_path, *wsdls))
    message = str(info.value)
    assert message.startswith(f"{file}: "), message
    for fragment in fragments:
        assert fragment in message


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _as_the_six_services(tmp_path: Path, wsdls: list[TinyWsdl]) -> Path:
    """Lay the WSDLs out under the real services' file names (the rest: copies of the last)."""
    root = tmp_path / "wsdl"
    names = [s.wsdl_file for s in SERVICES]
    texts = [w.text for w in wsdls] + [wsdls[-1].text] * (len(names) - len(wsdls))
    for name, text in zip(names, texts, strict=True):
        for env in ("production", "sandbox"):
            (root / env).mkdir(parents=True, exist_ok=True)
            (root / env / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """An output folder with content that a failed run must leave alone."""
    out = tmp_path / "out" / "generated"
    (out / "_types").mkdir(parents=True)
    (out / "__init__.py").write_text("# the previous generation\n")
    (out / "_types" / "Keep.py").write_text("KEEP = 1\n")
    return out


@pytest.mark.parametrize("case", CASES)
def test_cli_exits_non_zero_and_leaves_output_untouched(
    case: str, tmp_path: Path, output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wsdls, file, fragments = CASES[case]
    wsdl_dir = _as_the_six_services(tmp_path, wsdls)
    # Under the real services' names: the tiny WSDL is the first, the other one the second.
    renamed = {
        "tiny_service.xml": SERVICES[0].wsdl_file,
        "other_service.xml": SERVICES[1].wsdl_file,
    }
    file = renamed[file]
    fragments = [f.replace("tiny_service.xml", renamed["tiny_service.xml"]) for f in fragments]
    before = _snapshot(output.parent)

    code = main(["generate", "--wsdl-dir", str(wsdl_dir), "--output", str(output)])

    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"codegen: error: {file}: "), err
    assert all(f in err for f in fragments), err
    assert "Traceback" not in err
    assert _snapshot(output.parent) == before  # nothing written, no staging folder left behind


def test_missing_wsdl_file(
    tmp_path: Path, output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["generate", "--wsdl-dir", str(tmp_path / "nowhere"), "--output", str(output)])
    assert code == 2
    assert capsys.readouterr().err.startswith(
        f"codegen: error: {SERVICES[0].wsdl_file}: cannot read "
    )


def test_truncated_real_wsdl_is_refused(
    tmp_path: Path, output: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Cut just the closing tags: xsdata's recovering parser alone would accept what is left.
    wsdl_dir = tmp_path / "wsdl"
    shutil.copytree(WSDL_DIR, wsdl_dir)
    first = wsdl_dir / "production" / SERVICES[0].wsdl_file
    first.write_bytes(first.read_bytes().rstrip()[: -len("</wsdl:definitions>")])
    before = _snapshot(output.parent)

    assert main(["generate", "--wsdl-dir", str(wsdl_dir), "--output", str(output)]) == 2

    err = capsys.readouterr().err
    assert err.startswith(f"codegen: error: {SERVICES[0].wsdl_file}: not well-formed XML"), err
    assert _snapshot(output.parent) == before
