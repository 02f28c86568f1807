"""A tiny WCF-shaped WSDL (one operation, an enum, a list, a complex type) to break on purpose."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from codegen.sources import ServiceSource

NS = "https://bingads.microsoft.com/Reporting/v13"
ARRAYS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"

TINY = f"""<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions name="TinyService" targetNamespace="{NS}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:tns="{NS}">
  <wsdl:types>
    <xs:schema elementFormDefault="qualified" targetNamespace="{NS}"
        xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="GetThingRequest">
        <xs:complexType><xs:sequence>
          <xs:element minOccurs="0" name="Id" type="xs:long"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:element name="GetThingResponse">
        <xs:complexType><xs:sequence>
          <xs:element minOccurs="0" name="Thing" nillable="true" type="tns:Thing"/>
        </xs:sequence></xs:complexType>
      </xs:element>
      <xs:complexType name="Thing">
        <xs:sequence>
          <xs:element minOccurs="0" name="Name" nillable="true" type="xs:string"/>
          <xs:element minOccurs="0" name="Status" type="tns:ThingStatus"/>
          <xs:element minOccurs="0" name="Ids" nillable="true" type="q1:ArrayOflong"
              xmlns:q1="{ARRAYS}"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="Thing" nillable="true" type="tns:Thing"/>
      <xs:simpleType name="ThingStatus">
        <xs:restriction base="xs:string">
          <xs:enumeration value="Active"/>
          <xs:enumeration value="None"/>
        </xs:restriction>
      </xs:simpleType>
      <xs:element name="ThingStatus" nillable="true" type="tns:ThingStatus"/>
      <xs:element name="DeveloperToken" nillable="true" type="xs:string"/>
      <xs:element name="TrackingId" nillable="true" type="xs:string"/>
    </xs:schema>
    <xs:schema elementFormDefault="qualified" targetNamespace="{ARRAYS}"
        xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="{ARRAYS}">
      <xs:complexType name="ArrayOflong">
        <xs:sequence>
          <xs:element minOccurs="0" maxOccurs="unbounded" name="long" type="xs:long"/>
        </xs:sequence>
      </xs:complexType>
      <xs:element name="ArrayOflong" nillable="true" type="tns:ArrayOflong"/>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="GetThingRequest">
    <wsdl:part name="parameters" element="tns:GetThingRequest"/>
  </wsdl:message>
  <wsdl:message name="GetThingRequest_Headers">
    <wsdl:part name="DeveloperToken" element="tns:DeveloperToken"/>
  </wsdl:message>
  <wsdl:message name="GetThingResponse">
    <wsdl:part name="parameters" element="tns:GetThingResponse"/>
  </wsdl:message>
  <wsdl:message name="GetThingResponse_Headers">
    <wsdl:part name="TrackingId" element="tns:TrackingId"/>
  </wsdl:message>
  <wsdl:portType name="ITinyService">
    <wsdl:operation name="GetThing">
      <wsdl:input name="GetThingRequest" message="tns:GetThingRequest"/>
      <wsdl:output name="GetThingResponse" message="tns:GetThingResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="BasicHttpBinding_ITinyService" type="tns:ITinyService">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="GetThing">
      <soap:operation soapAction="GetThing" style="document"/>
      <wsdl:input name="GetThingRequest">
        <soap:header message="tns:GetThingRequest_Headers" part="DeveloperToken" use="literal"/>
        <soap:body use="literal"/>
      </wsdl:input>
      <wsdl:output name="GetThingResponse">
        <soap:header message="tns:GetThingResponse_Headers" part="TrackingId" use="literal"/>
        <soap:body use="literal"/>
      </wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="TinyService">
    <wsdl:port name="BasicHttpBinding_ITinyService" binding="tns:BasicHttpBinding_ITinyService">
      <soap:address location="https://tiny.example/TinyService.svc"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""


@dataclass(frozen=True)
class TinyWsdl:
    """A WSDL text and the service it claims to be."""

    text: str
    file: str = "tiny_service.xml"
    class_name: str = "TinyService"


def write_sources(root: Path, *wsdls: TinyWsdl) -> tuple[ServiceSource, ...]:
    """Write each WSDL as production and sandbox copy under ``root``; return their sources."""
    sources = []
    for wsdl in wsdls:
        for env in ("production", "sandbox"):
            (root / env).mkdir(parents=True, exist_ok=True)
            (root / env / wsdl.file).write_text(wsdl.text, encoding="utf-8")
        key = wsdl.file.removesuffix("_service.xml")
        sources.append(ServiceSource(key, wsdl.file, wsdl.class_name, key, wsdl_dir=root))
    return tuple(sources)
