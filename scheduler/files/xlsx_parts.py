"""The fixed XML parts of a streamed .xlsx (SpreadsheetML, ECMA-376): package, workbook,
styles, and each worksheet's head and tail around its rows.

The page setup lives in the worksheet's tail (in the order the schema requires:
printOptions, pageMargins, pageSetup, headerFooter, rowBreaks) and the print
titles in the workbook (`_xlnm.Print_Titles`, one per sheet).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
HEADER_MAX = 250  # Excel allows 255 characters in a header or footer, codes included
A4 = 9  # pageSetup paperSize
_NOT_XML_CHARS = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"  # XML 1.0 has none
NOT_XML = re.compile(f"[{_NOT_XML_CHARS}]")
_NEEDS_ESCAPE = re.compile(f"[&<>{_NOT_XML_CHARS}]|_x[0-9A-Fa-f]{{4}}_")
_OOXML_ESCAPE = re.compile("_(x[0-9A-Fa-f]{4}_)")


# cellXfs, in the order of xlsx_stream's style numbers: (numFmtId, fontId, borderId).
# 49 is the built-in text format "@"; font 1 is bold; border 1 is thin on every side.
CELL_FORMATS = (
    (0, 0, 0),  # 0 default
    (49, 0, 0),  # TEXT
    (49, 1, 0),  # BOLD
    (0, 0, 0),  # NUMBER
    (0, 1, 0),  # BOLD_NUMBER
    (49, 0, 1),  # CELL: a table cell, text
    (0, 0, 1),  # CELL_NUMBER
    (49, 1, 1),  # COLUMN_NAME
)


def xml_text(text: str) -> str:
    """`text` for an XML element: markup escaped, characters XML cannot hold as `_xHHHH_`."""
    if not _NEEDS_ESCAPE.search(text):
        return text
    text = _OOXML_ESCAPE.sub(r"_x005F_\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return NOT_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def sheet_head(widths: Sequence[int], frozen_rows: int) -> str:
    """A worksheet up to its first row: fit to page, the frozen column names, the widths."""
    pane = ""
    if frozen_rows:
        pane = (f'<pane ySplit="{frozen_rows}" topLeftCell="A{frozen_rows + 1}" '
                'activePane="bottomLeft" state="frozen"/>')
    cols = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                   for i, w in enumerate(widths, start=1))
    return (f'{DECLARATION}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">'
            '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
            f'<sheetViews><sheetView workbookViewId="0">{pane}</sheetView></sheetViews>'
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>")


def sheet_tail(title: str, date: str, footer: str, breaks: Sequence[int]) -> str:
    """The rest of a worksheet: landscape A4, one page wide (as many long as it takes),
    the title left and the date right in the header, the footer centred, page breaks."""
    header = f'&L&"-,Bold"{title[:HEADER_MAX - len(date) - 20]}&R{date}'
    rows = "".join(f'<brk id="{row}" max="16383" man="1"/>' for row in breaks)
    row_breaks = (f'<rowBreaks count="{len(breaks)}" manualBreakCount="{len(breaks)}">'
                  f"{rows}</rowBreaks>" if breaks else "")
    return ("</sheetData>"
            '<printOptions horizontalCentered="1"/>'
            '<pageMargins left="0.4" right="0.4" top="0.75" bottom="0.6" header="0.3" '
            'footer="0.3"/>'
            f'<pageSetup paperSize="{A4}" orientation="landscape" fitToWidth="1" '
            'fitToHeight="0"/>'
            f"<headerFooter><oddHeader>{xml_text(header)}</oddHeader>"
            f"<oddFooter>{xml_text('&C' + footer)}</oddFooter></headerFooter>"
            f"{row_breaks}</worksheet>")


def write_book_parts(archive: zipfile.ZipFile, names: Sequence[str],
                     title_rows: Sequence[int]) -> None:
    """Everything but the worksheets: content types, relationships, workbook, styles."""
    count = len(names)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}"/>'
        for i in range(1, count + 1))
    archive.writestr("[Content_Types].xml", (
        f'{DECLARATION}<Types xmlns="{TYPES}">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"))
    archive.writestr("_rels/.rels", (
        f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"))
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, count + 1))
    archive.writestr("xl/_rels/workbook.xml.rels", (
        f'{DECLARATION}<Relationships xmlns="{PACKAGE_RELS}">{sheet_rels}'
        f'<Relationship Id="rId{count + 1}" Type="{RELS}/styles" Target="styles.xml"/>'
        "</Relationships>"))
    archive.writestr("xl/workbook.xml", _workbook(names, title_rows))
    archive.writestr("xl/styles.xml", _styles())


def _workbook(names: Sequence[str], title_rows: Sequence[int]) -> str:
    sheets = "".join(f'<sheet name="{xml_text(name)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, name in enumerate(names, start=1))
    titles = "".join(
        f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
        f"{xml_text(quoted_sheet(name))}!${row}:${row}</definedName>"
        for i, (name, row) in enumerate(zip(names, title_rows, strict=True)) if row)
    return (f'{DECLARATION}<workbook xmlns="{MAIN}" xmlns:r="{RELS}">'
            '<bookViews><workbookView/></bookViews>'
            f"<sheets>{sheets}</sheets>"
            + (f"<definedNames>{titles}</definedNames>" if titles else "") + "</workbook>")


def quoted_sheet(name: str) -> str:
    """A sheet name as a formula reference writes it: in quotes, a quote doubled."""
    return "'" + name.replace("'", "''") + "'"


def _styles() -> str:
    side = '<{0} style="thin"><color auto="1"/></{0}>'
    thin = "".join(side.format(edge) for edge in ("left", "right", "top", "bottom"))
    font = '<font>{}<sz val="10"/><name val="Arial"/><family val="2"/></font>'
    xfs = "".join(
        f'<xf numFmtId="{fmt}" fontId="{font_id}" fillId="0" borderId="{border}" xfId="0"'
        + (' applyNumberFormat="1"' if fmt else "") + (' applyFont="1"' if font_id else "")
        + (' applyBorder="1"' if border else "") + "/>"
        for fmt, font_id, border in CELL_FORMATS)
    return (f'{DECLARATION}<styleSheet xmlns="{MAIN}">'
            f'<fonts count="2">{font.format("")}{font.format("<b/>")}</fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            f"<border>{thin}<diagonal/></border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            f'</cellStyleXfs><cellXfs count="{len(CELL_FORMATS)}">{xfs}</cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>")
