"""Code generator: the vendored v13 WSDLs in ``wsdl/`` → the typed package in ``generated/``.

The pipeline, one module per step:

``sources``   which WSDLs, which services, which namespaces (the fixed tables)
``reader``    WSDL bytes → xsdata's schema classes and WSDL bindings (xsdata as a library)
``model``     the intermediate representation the rest works on
``build``     xsdata classes → model: fold WCF's element-per-type, flatten ``ArrayOfX``, enums
``naming``    the one rule for names that Python cannot take as they are
``render``    model → files, through jinja2 templates
``writer``    write into a temporary folder, then swap it in; ``check`` diffs instead
"""
