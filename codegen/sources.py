"""The fixed tables codegen works from: services, their WSDL files and the namespaces' homes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WSDL_DIR = ROOT / "wsdl"
OUTPUT_DIR = ROOT / "generated"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
PACKAGE = "bingads_typed.v13"

# The `bingads` release the WSDLs were vendored from, and the Api-Revision date it sends: the
# date our models match (a later date invites fields they do not know). `make update-wsdl` sets both.
WSDL_RELEASE = "13.0.30.1"
API_REVISION = "2026-10-12"

XS = "http://www.w3.org/2001/XMLSchema"
SERIALIZATION = "http://schemas.microsoft.com/2003/10/Serialization/"


@dataclass(frozen=True)
class ServiceSource:
    """One v13 service: its WSDL file and the Python names generated for it."""

    key: str  # Python module name, e.g. "campaign_management"
    wsdl_file: str  # file name under wsdl/production and wsdl/sandbox
    class_name: str  # the service client class, equal to the WSDL service name
    docs_slug: str  # learn.microsoft.com/advertising/<docs_slug>/...
    wsdl_dir: Path = WSDL_DIR  # holds production/ and sandbox/; tests point it elsewhere

    @property
    def production(self) -> Path:
        """The production WSDL (the schema source)."""
        return self.wsdl_dir / "production" / self.wsdl_file

    @property
    def sandbox(self) -> Path:
        """The sandbox WSDL (only its soap:address differs)."""
        return self.wsdl_dir / "sandbox" / self.wsdl_file


SERVICES: tuple[ServiceSource, ...] = (
    ServiceSource("ad_insight", "adinsight_service.xml", "AdInsightService", "ad-insight-service"),
    ServiceSource("bulk", "bulk_service.xml", "BulkService", "bulk-service"),
    ServiceSource(
        "campaign_management",
        "campaignmanagement_service.xml",
        "CampaignManagementService",
        "campaign-management-service",
    ),
    ServiceSource(
        "customer_billing",
        "customerbilling_service.xml",
        "CustomerBillingService",
        "customer-billing-service",
    ),
    ServiceSource(
        "customer_management",
        "customermanagement_service.xml",
        "CustomerManagementService",
        "customer-management-service",
    ),
    ServiceSource("reporting", "reporting_service.xml", "ReportingService", "reporting-service"),
)

# Every namespace whose types we generate, and the package (under _types) that is its one home.
# A namespace missing here makes codegen fail: a new one needs a deliberate name.
NAMESPACE_HOMES: dict[str, str] = {
    "https://bingads.microsoft.com/AdInsight/v13": "ad_insight",
    "https://bingads.microsoft.com/Billing/v13": "customer_billing",
    "https://bingads.microsoft.com/CampaignManagement/v13": "campaign_management",
    "https://bingads.microsoft.com/Customer/v13": "customer_management",
    "https://bingads.microsoft.com/Customer/v13/Entities": "customer_entities",
    "https://bingads.microsoft.com/Customer/v13/Exception": "customer_exception",
    "https://bingads.microsoft.com/Reporting/v13": "reporting",
    "https://adapi.microsoft.com": "adapi",
    "http://schemas.microsoft.com/2003/10/Serialization/Arrays": "arrays",
    "http://schemas.datacontract.org/2004/07/System.Collections.Generic": "collections_generic",
    "http://schemas.datacontract.org/2004/07/System": "system",
}

# The prefix each namespace gets in the envelopes we send (declared once, on the Envelope).
NAMESPACE_PREFIXES: dict[str, str] = {
    "https://bingads.microsoft.com/AdInsight/v13": "ai",
    "https://bingads.microsoft.com/Billing/v13": "bi",
    "https://bingads.microsoft.com/CampaignManagement/v13": "cm",
    "https://bingads.microsoft.com/Customer/v13": "cu",
    "https://bingads.microsoft.com/Customer/v13/Entities": "ce",
    "https://bingads.microsoft.com/Customer/v13/Exception": "cx",
    "https://bingads.microsoft.com/Reporting/v13": "rp",
    "https://adapi.microsoft.com": "ad",
    "http://schemas.microsoft.com/2003/10/Serialization/Arrays": "ar",
    "http://schemas.datacontract.org/2004/07/System.Collections.Generic": "cg",
    "http://schemas.datacontract.org/2004/07/System": "sy",
}

# XSD built-in types → the runtime's scalar kinds (bingads_typed.codec.scalars.READERS). ``long`` stays
# apart from ``int`` because REST sends it as a JSON string.
BUILTINS: dict[str, str] = {
    "string": "str",
    "anyURI": "str",
    "QName": "str",
    "duration": "str",
    "guid": "str",
    "long": "long",
    "int": "int",
    "short": "int",
    "byte": "int",
    "unsignedLong": "long",
    "unsignedInt": "int",
    "unsignedShort": "int",
    "unsignedByte": "int",
    "char": "int",
    "boolean": "bool",
    "double": "float",
    "float": "float",
    "decimal": "decimal",
    "dateTime": "datetime",
    "date": "date",
    "dateOnly": "date",
    "time": "time",
    "timeOnly": "time",
    "base64Binary": "bytes",
}
