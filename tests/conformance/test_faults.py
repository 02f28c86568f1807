"""Part 3: every fault shape yields the same codes, messages and field paths as through the
official SDK's WebFault.

For every operation, each fault detail its WSDL binding declares (AdApiFaultDetail, ApiFaultDetail
with batch and operation errors, EditorialApiFaultDetail, Customer Management and Billing
ApiFault/ApiBatchFault), fully populated with subtypes in turn, plus WCF's ExceptionDetail, is
read by ``read_envelope`` (which raises :class:`BingAdsFault`) and by suds (which raises WebFault).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from lxml import etree
from suds import WebFault

from bingads_typed.codec.soap_envelope import read_envelope
from bingads_typed.exceptions import BingAdsFault
from bingads_typed.schema import OperationInfo, class_for_element

from . import model, xsd
from .fault_compare import compare_faults
from .official import OfficialSoap
from .replies import FAULT_LEXICAL, ReplyBuilder
from .report import REPORT

OPERATIONS = model.operations()
SERVICE_MODEL = "http://schemas.datacontract.org/2004/07/System.ServiceModel"

# WCF's own fault when it cannot read a request (no WSDL declares it), with an inner exception.
DISPATCHER = "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher"
EXCEPTION_DETAIL = (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
    f'<faultcode xmlns:a="{DISPATCHER}">a:DeserializationFailed</faultcode>'
    '<faultstring xml:lang="en-US">The formatter threw an exception while trying to deserialize'
    " the message.</faultstring><detail>"
    f'<ExceptionDetail xmlns="{SERVICE_MODEL}" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">'
    '<HelpLink i:nil="true"/><InnerException><HelpLink i:nil="true"/>'
    '<InnerException i:nil="true"/><Message>There was an error deserializing the object of type'
    " System.Int64. The value 'abc' cannot be parsed as the type 'Int64'.</Message>"
    "<StackTrace>   at System.Xml.XmlConverter.ToInt64(String value)</StackTrace>"
    "<Type>System.Xml.XmlException</Type></InnerException><Message>The formatter threw an"
    " exception while trying to deserialize the message: Error in line 1 position 700.</Message>"
    "<StackTrace>   at System.ServiceModel.Dispatcher.DataContractSerializerOperationFormatter"
    ".DeserializeBody</StackTrace><Type>System.ServiceModel.Dispatcher.NetDispatcherFaultException"
    "</Type></ExceptionDetail></detail></s:Fault></s:Body></s:Envelope>"
).encode()


@pytest.fixture(scope="session")
def fault_builder() -> Callable[[str], ReplyBuilder]:
    cache: dict[str, ReplyBuilder] = {}

    def get(service: str) -> ReplyBuilder:
        if service not in cache:
            cache[service] = ReplyBuilder(service, FAULT_LEXICAL)
        return cache[service]

    return get


def _raise_both(
    envelope: bytes, service: str, op: OperationInfo, suds: OfficialSoap
) -> tuple[BingAdsFault, object]:
    response_type = class_for_element(op.response)
    assert response_type is not None
    with pytest.raises(BingAdsFault) as ours:
        read_envelope(envelope, op, response_type, http_status=500)
    with pytest.raises(WebFault) as theirs:
        suds.reply(op.name, envelope, status=500)
    return ours.value, theirs.value.fault


@pytest.mark.slow
@pytest.mark.parametrize(
    ("service", "op"), OPERATIONS, ids=[f"{s}.{op.name}" for s, op in OPERATIONS]
)
def test_every_declared_fault_reads_as_through_webfault(
    service: str,
    op: OperationInfo,
    official: Callable[[str], OfficialSoap],
    fault_builder: Callable[[str], ReplyBuilder],
) -> None:
    problems: list[str] = []
    shapes = [*op.faults, f"{{{SERVICE_MODEL}}}ExceptionDetail"]
    for shape in shapes:
        name = model.local(shape)
        if name == "ExceptionDetail":
            envelope = EXCEPTION_DETAIL
        else:
            envelope = fault_builder(service).fault(shape)
            problems += [
                f"{name}: generated detail invalid: {e}" for e in _detail_errors(service, envelope)
            ]
        ours, theirs = _raise_both(envelope, service, op, official(service))
        if not ours.errors:
            problems.append(f"{name}: no errors read")
        problems += [f"{name}: {d}" for d in compare_faults(ours, theirs, name)]
    REPORT.record("faults", f"{service}.{op.name}", len(shapes), Counter())
    assert not problems, "\n".join(problems[:25])


def _detail_errors(service: str, envelope: bytes) -> list[str]:
    detail = etree.fromstring(envelope).find(".//detail")
    assert detail is not None and len(detail), "no detail element"
    return xsd.element_errors(service, detail[0])
