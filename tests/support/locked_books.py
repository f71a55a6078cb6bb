"""Password-protected workbooks made for real, as offices' Excel makes them: an .xlsx
encrypted by msoffcrypto-tool (ECMA-376 agile encryption, what Excel writes), and an
.xls / .ods saved with a password by LibreOffice headless (a Basic macro in a
throwaway profile calls ``storeToURL`` with a ``Password``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

PASSWORD = "secret"
_XLC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" library:link="false"/>
</library:libraries>
"""
_XLB = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard"
 library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Locked"/>
</library:library>
"""
_MODULE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Locked"
 script:language="StarBasic">
Sub Save(src As String, dst As String, flt As String)
  Dim a(0) As New com.sun.star.beans.PropertyValue
  a(0).Name = &quot;Hidden&quot; : a(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), &quot;_blank&quot;, 0, a())
  Dim p(1) As New com.sun.star.beans.PropertyValue
  p(0).Name = &quot;FilterName&quot; : p(0).Value = flt
  p(1).Name = &quot;Password&quot; : p(1).Value = &quot;{password}&quot;
  doc.storeToURL(ConvertToURL(dst), p())
  doc.close(True)
End Sub
</script:module>
"""
FILTERS = {"xls": "MS Excel 97", "ods": "calc8"}


def encrypted_xlsx(plain: Path, out: Path) -> Path:
    """``plain`` (an .xlsx) encrypted with a password, as Excel's File > Info > Protect
    Workbook > Encrypt with Password writes it."""
    from msoffcrypto.format.ooxml import OOXMLFile

    with plain.open("rb") as src, out.open("wb") as dst:
        OOXMLFile(src).encrypt(PASSWORD, dst)
    return out


def locked_by_libreoffice(plain: Path, suffix: str, folder: Path) -> Path:
    """``plain`` saved as ``suffix`` (xls or ods) with a password by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:  # pragma: no cover - installed by scripts/setup test
        pytest.skip("LibreOffice is not installed")
    profile = folder / "lo-profile"
    basic = profile / "user" / "basic"
    if not (basic / "Standard").exists():  # LibreOffice makes its profile on a first start
        subprocess.run([soffice, "--headless", "--terminate_after_init",
                        f"-env:UserInstallation=file://{profile}"],
                       check=True, capture_output=True, timeout=180)  # fmt: skip
    (basic / "Standard").mkdir(parents=True, exist_ok=True)
    (basic / "script.xlc").write_text(_XLC, encoding="utf-8")
    (basic / "Standard" / "script.xlb").write_text(_XLB, encoding="utf-8")
    (basic / "Standard" / "Locked.xba").write_text(_MODULE.replace("{password}", PASSWORD),
                                                   encoding="utf-8")  # fmt: skip
    out = folder / f"{plain.stem}-locked.{suffix}"
    macro = f'macro:///Standard.Locked.Save("{plain}","{out}","{FILTERS[suffix]}")'
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{profile}", macro],
                   check=True, capture_output=True, timeout=180)  # fmt: skip
    assert out.exists(), f"LibreOffice did not write {out.name}"
    return out
