"""Unit tests of the build step on a tiny WCF-shaped WSDL: each idiom becomes the right model."""

from __future__ import annotations

from pathlib import Path

from wsdl_tiny import ARRAYS, NS, TINY, TinyWsdl, write_sources

from codegen.build import build_model
from codegen.model import FieldDef, ListItem, TypeRef

THING = f"{{{NS}}}Thing"


def _with(old: str, new: str, text: str = TINY) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def test_fields_enums_lists_and_the_operation(tmp_path: Path) -> None:
    model = build_model(write_sources(tmp_path, TinyWsdl(TINY)))
    assert model.complex_types[THING].fields == [
        FieldDef("Name", "Name", TypeRef("scalar", "str"), required=False, nillable=True),
        FieldDef(
            "Status",
            "Status",
            TypeRef("enum", f"{{{NS}}}ThingStatus"),
            required=False,
            nillable=False,
        ),
        FieldDef(
            "Ids",
            "Ids",
            TypeRef(
                "list",
                f"{{{ARRAYS}}}ArrayOflong",
                ListItem(f"{{{ARRAYS}}}long", TypeRef("scalar", "long"), False),
            ),
            required=False,
            nillable=True,
        ),
    ]
    # The keyword rule: the wire value stays "None", the member is None_.
    assert model.enums[f"{{{NS}}}ThingStatus"].members == [("Active", "Active"), ("None_", "None")]
    # WCF's element-per-type is folded into the type; no ArrayOf class exists.
    assert f"{{{ARRAYS}}}ArrayOflong" not in model.complex_types
    assert model.elements[THING] == THING
    [service] = model.services
    [op] = service.operations
    assert (op.name, op.soap_action, op.request, op.response) == (
        "GetThing",
        "GetThing",
        f"{{{NS}}}GetThingRequest",
        f"{{{NS}}}GetThingResponse",
    )
    assert (op.request_headers, op.response_headers) == (["DeveloperToken"], ["TrackingId"])
    assert service.exports == {
        "GetThingRequest": f"{{{NS}}}GetThingRequest",
        "GetThingResponse": f"{{{NS}}}GetThingResponse",
        "Thing": THING,
        "ThingStatus": f"{{{NS}}}ThingStatus",
    }


def test_keyword_field_name(tmp_path: Path) -> None:
    model = build_model(
        write_sources(tmp_path, TinyWsdl(_with('name="Name" nillable', 'name="class" nillable')))
    )
    field = model.complex_types[THING].fields[0]
    assert (field.name, field.py_name) == ("class", "class_")


def test_flags_enum_is_a_list_of_members(tmp_path: Path) -> None:
    flags = _with(
        '<xs:restriction base="xs:string">\n          <xs:enumeration value="Active"/>\n'
        '          <xs:enumeration value="None"/>\n        </xs:restriction>',
        '<xs:list><xs:simpleType><xs:restriction base="xs:string">'
        '<xs:enumeration value="Active"/><xs:enumeration value="None"/>'
        "</xs:restriction></xs:simpleType></xs:list>",
    )
    model = build_model(write_sources(tmp_path, TinyWsdl(flags)))
    assert model.enums[f"{{{NS}}}ThingStatus"].is_list
    assert model.complex_types[THING].fields[1].ref == TypeRef("enumlist", f"{{{NS}}}ThingStatus")


def test_subtype_has_its_base_and_only_its_own_fields(tmp_path: Path) -> None:
    derived = _with(
        '<xs:element name="Thing" nillable="true" type="tns:Thing"/>',
        '<xs:element name="Thing" nillable="true" type="tns:Thing"/>'
        '<xs:complexType name="BigThing"><xs:complexContent><xs:extension base="tns:Thing">'
        '<xs:sequence><xs:element minOccurs="0" name="Size" type="xs:int"/></xs:sequence>'
        "</xs:extension></xs:complexContent></xs:complexType>"
        '<xs:element name="BigThing" nillable="true" type="tns:BigThing"/>',
    )
    model = build_model(write_sources(tmp_path, TinyWsdl(derived)))
    big = model.complex_types[f"{{{NS}}}BigThing"]
    assert big.base == THING
    assert [f.name for f in big.fields] == ["Size"]


def test_a_type_shared_by_two_wsdls_is_kept_once(tmp_path: Path) -> None:
    other = TINY.replace("TinyService", "OtherService").replace("GetThing", "GetOther")
    model = build_model(
        write_sources(
            tmp_path, TinyWsdl(TINY), TinyWsdl(other, "other_service.xml", "OtherService")
        )
    )
    assert [c for c in model.complex_types if c.endswith("}Thing")] == [THING]
    assert all(s.exports["Thing"] == THING for s in model.services)


def test_build_is_deterministic(tmp_path: Path) -> None:
    sources = write_sources(tmp_path, TinyWsdl(TINY))
    assert build_model(sources) == build_model(sources)
