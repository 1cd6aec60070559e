"""The templates' VBA project, edited without Excel (workbook_templates/byg_skabeloner.py).

The builder replaces the quickstart's Module1 (SampleCall) by a module with Refresh and Del. Excel
is not here, so the result is checked against the specs with independent readers: olefile (the
compound file, strict), oletools (the dir stream, strict, and its own decompression), the
builder's own parser (every record, name and offset) and LibreOffice, which imports VBA projects
with its own OLE and MS-OVBA code.
"""

from __future__ import annotations

import struct
import sys
import zipfile
from pathlib import Path

import olefile
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import VBA_Project, decompress_stream

from conftest import SKABELONER, kraever_libreoffice

sys.path.insert(0, str(SKABELONER))
import byg_skabeloner as byg  # noqa: E402

XLSM = sorted(SKABELONER.glob("*.xlsm"))


def _quickstart_bin() -> bytes:
    """The vbaProject.bin that `xlwings quickstart --standalone` copies (the builder's input)."""
    import xlwings

    sti = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(sti) as z:
        return z.read("xl/vbaProject.bin")


def _bin(sti: Path) -> bytes:
    with zipfile.ZipFile(sti) as z:
        return z.read("xl/vbaProject.bin")


def _streams(data: bytes) -> dict[str, bytes]:
    ole = olefile.OleFileIO(data, raise_defects=olefile.DEFECT_INCORRECT)
    try:
        return {"/".join(s): ole.openstream(s).read() for s in ole.listdir(streams=True)}
    finally:
        ole.close()


def _tjek_projekt(data: bytes) -> dict[str, str]:
    """Every cross-reference of the VBA project agrees; returns module name -> source."""
    streams = _streams(data)
    # _VBA_PROJECT: Reserved1 0x61CC, Version 0xFFFF (no p-code cache is used), no cache
    assert streams["VBA/_VBA_PROJECT"][:5] == struct.pack("<HHB", 0x61CC, 0xFFFF, 0)
    assert len(streams["VBA/_VBA_PROJECT"]) == 7

    poster = byg.dir_poster(decompress_stream(bytearray(streams["VBA/dir"])))
    ider = [rid for rid, _ in poster]
    assert ider[-1] == 0x0010  # dir terminator
    moduler = byg.dir_moduler(poster)
    (antal,) = [struct.unpack("<H", d)[0] for rid, d in poster if rid == 0x000F]
    assert antal == len(moduler)
    navne = []
    kilde = {}
    for m in moduler:
        navn = m["navn"].decode(byg.KODETABEL)
        navne.append(navn)
        assert m.get("slut") and m["navn_unicode"].decode("utf-16-le") == navn
        assert m["stroem"] == m["navn"] and m["stroem_unicode"] == m["navn_unicode"]
        stroem = streams["VBA/" + navn]
        assert 0 <= m["offset"] < len(stroem)
        tekst = decompress_stream(bytearray(stroem[m["offset"]:]))
        assert byg.vba_dekomprimer(stroem[m["offset"]:]) == tekst
        assert tekst.startswith(f'Attribute VB_Name = "{navn}"'.encode())
        kilde[navn] = tekst.decode(byg.KODETABEL)
    # the streams under VBA/ are the modules plus dir and _VBA_PROJECT, nothing else
    assert {s.split("/", 1)[1] for s in streams if s.startswith("VBA/")} == \
        set(navne) | {"dir", "_VBA_PROJECT"}
    assert set(streams) == {f"VBA/{n}" for n in navne} | {"VBA/dir", "VBA/_VBA_PROJECT",
                                                          "PROJECT", "PROJECTwm"}

    # PROJECT: one Module=/Document=/Class= line and one [Workspace] line per module
    linjer = streams["PROJECT"].decode(byg.KODETABEL).split("\r\n")
    erklaeret = []
    for linje in linjer[:linjer.index("")]:
        noegle, _, vaerdi = linje.partition("=")
        if noegle in ("Module", "Document", "Class", "BaseClass"):
            erklaeret.append(vaerdi.split("/", 1)[0])
    assert sorted(erklaeret) == sorted(navne)
    arbejde = linjer[linjer.index("[Workspace]") + 1:]
    assert sorted(linje.split("=", 1)[0] for linje in arbejde if linje) == sorted(navne)

    # PROJECTwm: MBCS and UTF-16 name per module, in dir order
    wm = streams["PROJECTwm"]
    forventet = b"".join(n.encode(byg.KODETABEL) + b"\x00" + n.encode("utf-16-le") + b"\x00\x00"
                         for n in navne) + b"\x00\x00"
    assert wm == forventet

    # oletools' strict parser (relaxed=False raises on any unexpected record) agrees
    ole = olefile.OleFileIO(data)
    projekt = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=False)
    projekt.parse_project_stream()
    list(projekt.parse_modules())
    assert [(m.name, m.streamname, m.textoffset) for m in projekt.modules] == \
        [(m["navn"].decode(), m["stroem"].decode(), m["offset"]) for m in moduler]
    ole.close()
    return kilde


@pytest.mark.parametrize("sti", XLSM, ids=lambda p: p.name)
def test_vba_projektet_haenger_sammen(sti: Path):
    kilde = _tjek_projekt(_bin(sti))
    assert set(kilde) == {"ThisWorkbook", "Sheet1", "Sheet2", byg.VBA_MODUL, "xlwings",
                          "Dictionary"}
    ny = kilde[byg.VBA_MODUL]
    assert ny == f'Attribute VB_Name = "{byg.VBA_MODUL}"\r\n' + byg.VBA_KODE.replace("\n", "\r\n")


@pytest.mark.parametrize("sti", XLSM, ids=lambda p: p.name)
def test_kun_det_nye_modul_og_dets_navne_er_aendret(sti: Path):
    """xlwings (DLL declarations), Dictionary and the document modules are the quickstart's."""
    foer, efter = _streams(_quickstart_bin()), _streams(_bin(sti))
    aendret = {"VBA/dir", f"VBA/{byg.VBA_MODUL}"}
    if byg.VBA_MODUL != "Module1":
        aendret |= {"PROJECT", "PROJECTwm"}
    for navn in set(foer) | set(efter):
        if navn not in aendret | {"VBA/Module1"}:
            assert foer[navn] == efter[navn], navn
    assert "SampleCall" in _tjek_projekt(_quickstart_bin())["Module1"]


def test_modulet_kan_omdoebes():
    """ny_vba(modul=...) renames the module in every record that names it."""
    data = byg.ny_vba(_quickstart_bin(), modul="Regnskab")
    kilde = _tjek_projekt(data)
    assert "Module1" not in kilde
    assert kilde["Regnskab"].startswith('Attribute VB_Name = "Regnskab"\r\nSub Refresh()')
    assert "Module1" not in _streams(data)["PROJECT"].decode() and \
        b"Module1" not in _streams(data)["PROJECTwm"]


def test_bygningen_er_deterministisk():
    assert byg.ny_vba(_quickstart_bin()) == byg.ny_vba(_quickstart_bin())


def test_dir_stroemmen_skrives_som_den_laeses():
    dir_ = decompress_stream(bytearray(_streams(_quickstart_bin())["VBA/dir"]))
    assert byg.dir_bytes(byg.dir_poster(dir_)) == dir_


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=9000),
                 st.text(alphabet="ab \r\n\"'()=.;", max_size=9000).map(str.encode),
                 st.lists(st.sampled_from([b"RunPython ", b"End Sub\r\n", b" " * 40, b"x"]),
                          max_size=600).map(b"".join)))
def test_komprimering_kan_laeses_af_oletools(data: bytes):
    """MS-OVBA compression: oletools' independent decompressor gives the input back."""
    try:
        komprimeret = byg.vba_komprimer(data)
    except ValueError:  # an incompressible short last chunk: refused, never written wrongly
        return
    assert komprimeret[0] == 1
    assert byg.vba_dekomprimer(komprimeret) == data
    if data:
        assert decompress_stream(bytearray(komprimeret)) == data


def test_komprimering_af_lange_gentagelser_sent_i_en_blok():
    """Copy tokens late in a chunk have 4 length bits: longer matches must be split."""
    data = b"x" * 10 + bytes(range(256)) * 12 + b" " * 60 + b"end"
    assert decompress_stream(bytearray(byg.vba_komprimer(data))) == data
    kilde = (Path(__import__("xlwings").__file__).parent / "xlwings.bas").read_bytes()
    assert decompress_stream(bytearray(byg.vba_komprimer(kilde))) == kilde


def _in_order(ole, sid: int) -> list[str]:
    """The names of a sibling tree, left subtree first (MS-CFB 2.6.4)."""
    if sid == olefile.NOSTREAM:
        return []
    e = ole.direntries[sid] or ole._load_direntry(sid)
    return _in_order(ole, e.sid_left) + [e.name] + _in_order(ole, e.sid_right)


@pytest.mark.parametrize("sti", XLSM[:1], ids=lambda p: p.name)
def test_katalogtraeet_er_sorteret_som_ms_cfb_kraever(sti: Path):
    """Windows finds a stream by name by walking the tree: siblings must be in CFB order."""
    ole = olefile.OleFileIO(_bin(sti), raise_defects=olefile.DEFECT_INCORRECT)
    for e in ole.direntries:
        if e is not None and e.entry_type in (olefile.STGTY_ROOT, olefile.STGTY_STORAGE):
            navne = _in_order(ole, e.sid_child)
            assert navne == sorted(navne, key=lambda n: (len(n), n.upper())), e.name
            assert len(navne) == len(set(navne)) > 0
    ole.close()


def test_compound_filen_er_gyldig():
    """The MS-CFB writer: olefile (strict) reads back exactly the streams written."""
    streams = {"A": b"kort", "B/C": b"y" * 5000, "B/D": bytes(range(256)) * 40,
               "B/E": b"", "F": b"z" * 4095, "G": b"w" * 4096, "H": bytes(range(256)) * 400}
    data = byg.cfb_skriv(streams)
    assert len(data) % 512 == 0 and data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    assert _streams(data) == streams
    ole = olefile.OleFileIO(data, raise_defects=olefile.DEFECT_INCORRECT)
    assert ole.get_type("B") == olefile.STGTY_STORAGE
    ole.close()
    mange = {f"VBA/Modul{i:03d}": bytes([i]) * (i * 37) for i in range(200)}
    assert _streams(byg.cfb_skriv(mange)) == mange


@kraever_libreoffice
def test_libreoffice_laeser_makroerne(tmp_path: Path):
    """LibreOffice imports the VBA project with its own OLE and MS-OVBA code."""
    from addin.libreoffice import konverter

    ods = konverter(SKABELONER / "regnskab.xlsm", "ods", tmp_path)
    with zipfile.ZipFile(ods) as z:
        navne = set(z.namelist())
        assert {f"Basic/VBAProject/{n}.xml" for n in ("xlwings", "Dictionary", byg.VBA_MODUL)} \
            <= navne
        modul = z.read(f"Basic/VBAProject/{byg.VBA_MODUL}.xml").decode()
        xlwings = z.read("Basic/VBAProject/xlwings.xml").decode()
    assert "Sub Refresh()" in modul and "Sub Del()" in modul
    assert "RunPython &quot;from addin.excel import main; main()&quot;" in modul
    assert "RunPython &quot;from addin.excel import share_main; share_main()&quot;" in modul
    assert "Function RunPython" in xlwings
