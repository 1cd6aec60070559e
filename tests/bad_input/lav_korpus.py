"""Write the text cases of the bad-input corpus (CSV folders and rule files) beside this script.

Run `python tests/bad_input/lav_korpus.py` to regenerate them; workbooks are made at test time
(tests/bad_input/arbejdsboeger.py). What each case must give is listed in forventet.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HER = Path(__file__).resolve().parent
REGLER = HER.parents[1] / "rules" / "regnskab.yaml"

HOVED = "styringsomraade,bevilling,navn,korrigeret_udgift,korrigeret_indtaegt,regnskab_udgift," \
        "regnskab_indtaegt"
LOEN = "Service,Administration,Løn,1234,0,1000,-5"
HUSLEJE = "Service,Administration,Husleje,200,-50,180,-40"
BEV = ("styringsomraade,bevilling,vedtaget_budget,tillaegsbevillinger,regnskab\n"
       "Service,Administration,1300,134,1180\n")


def hp(*rows: str, header: str = HOVED) -> str:
    return "\n".join([header, *rows]) + "\n"


def semi(tekst: str) -> str:
    return tekst.replace(",", ";")


DK_HOVED = semi(HOVED)

# case name -> {file name: text or bytes}
CSV: dict[str, dict[str, str | bytes]] = {
    # columns
    "kolonne_mangler": {"hovedprodukter.csv": hp("Service,Administration,Løn,1234,0,1000",
                                                 header=HOVED.rsplit(",", 1)[0])},
    "kolonne_omdoebt": {"hovedprodukter.csv": hp(LOEN, header=HOVED.replace("regnskab_udgift",
                                                                             "Forbrug"))},
    "kolonne_med_store_bogstaver": {"hovedprodukter.csv": hp(LOEN, header=(
        "Styringsområde,Bevilling,Navn,Korrigeret udgift,Korrigeret indtægt,Regnskab udgift,"
        "Regnskab indtægt"))},
    "kolonne_dobbelt": {"hovedprodukter.csv": hp(LOEN + ",7", header=HOVED + ",Regnskab udgift")},
    "kolonne_ekstra_ignoreres": {"hovedprodukter.csv": hp(LOEN + ",x", header=HOVED + ",noter")},
    "header_tom": {"hovedprodukter.csv": ",,,,,,\n" + LOEN + "\n"},
    # amounts as text
    "tekst_i_beloeb": {"hovedprodukter.csv": hp("Service,Administration,Løn,abc,0,1000,-5")},
    "procent_i_beloeb": {"hovedprodukter.csv": hp("Service,Administration,Løn,12%,0,1000,-5")},
    "engelsk_tal_i_dansk_csv": {"hovedprodukter.csv": semi(hp("Service,Administration,Løn,"
                                                              "X,0,1000,-5")).replace(
        "X", "1,234.5")},
    "beloeb_tomt": {"hovedprodukter.csv": hp("Service,Administration,Løn,,0,1000,-5")},
    "navn_tomt": {"hovedprodukter.csv": hp("Service,Administration,,1234,0,1000,-5")},
    "kort_raekke": {"hovedprodukter.csv": hp("Service,Administration,Løn,1234,0")},
    "dato_i_beloeb": {"hovedprodukter.csv": hp("Service,Administration,Løn,2024-01-31,0,1000,-5")},
    # Danish number text (semicolon CSV as Danish Excel writes it): loads
    "dansk_decimal": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;1.234,5;0;"
                      "1.000,4;-5\n"},
    "dansk_negativ_tusind": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;1.234;"
                             "0;1.000;-1.234\n"},
    "dansk_parentes": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;1.234;0;"
                       "1.000;(5)\n"},
    "dansk_mellemrum": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;1 234;0;"
                        "1 000;-5\n"},
    "dansk_haardt_mellemrum": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;"
                               "1\u00a0234;0;1\u202f000;-5\n"},
    "dansk_efterstillet_minus": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;"
                                 "1.234;0;1.000;5-\n"},
    "dansk_unicode_minus": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;"
                            "1.234;0;1.000;\u22125\n"},
    "dansk_kr_endelse": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;"
                         "1.234 kr.;0 kr.;1.000 kr.;-5 kr.\n"},
    "dansk_mange_decimaler": {"hovedprodukter.csv": DK_HOVED + "\nService;Administration;Løn;"
                              "1.233,5000;0;1.000,4999;-5\n"},
    "dansk_excel_cp1252_crlf": {"hovedprodukter.csv": (DK_HOVED + "\r\nService;Administration;"
                                "Løn;1.234,00;0,00;1.000,00;-5,00\r\n").encode("cp1252")},
    "dansk_citerede_felter": {"hovedprodukter.csv": DK_HOVED + '\n"Service";"Administration";'
                              '"Løn";"1.234";"0";"1.000";"-5"\n'},
    # blank and total rows
    "blanke_raekker": {"hovedprodukter.csv": hp("", LOEN, ",,,,,,", HUSLEJE, "")},
    "totalraekke_i_alt": {"hovedprodukter.csv": hp(LOEN, "Service,Administration,I alt,1234,0,"
                                                   "1000,-5")},
    "totalraekke_total": {"hovedprodukter.csv": hp(LOEN, "Service,Total,Løn,1234,0,1000,-5")},
    "totalraekke_ialt_store": {"hovedprodukter.csv": hp(LOEN, "I ALT,,,1434,-50,1180,-45")},
    # structure
    "ukendt_styringsomraade": {"hovedprodukter.csv": hp("Servise,Administration,Løn,1234,0,1000,"
                                                        "-5"), "bevillinger.csv": BEV},
    "stavefejl_bevilling": {"hovedprodukter.csv": hp("Service,Administation,Løn,1234,0,1000,-5"),
                            "bevillinger.csv": BEV},
    "hovedprodukt_under_to_bevillinger": {"hovedprodukter.csv": hp(
        LOEN, "Service,Integration,Løn,10,0,10,0")},
    "bevilling_dobbelt": {"hovedprodukter.csv": hp(LOEN),
                          "bevillinger.csv": BEV + "Service,Administration,1,1,1\n"},
    "bevilling_tekst_i_beloeb": {"hovedprodukter.csv": hp(LOEN), "bevillinger.csv": BEV.replace(
        "1300", "mange")},
    "niveau_ugyldigt": {"hovedprodukter.csv": hp("Service,Administration,produkt,Løn,1234,0,1000,"
                                                 "-5", header=HOVED.replace("navn", "niveau,navn"))},
    "aktivitet_ugyldigt_maal": {"hovedprodukter.csv": hp(LOEN), "aktivitet.csv": (
        "styringsomraade,bevilling,hovedprodukt,aktivitet,maal,budget,regnskab\n"
        "Service,Administration,Løn,Sager,stk,10,12\n")},
    "forklaring_ugyldig_retning": {"hovedprodukter.csv": hp(LOEN), "forklaringer.csv": (
        "niveau,navn,retning,beloeb_mio,tekst\nhovedprodukt,Løn,overforbrug,0.2,Mere løn.\n")},
    # empty files and folders
    "tom_fil": {"hovedprodukter.csv": b""},
    "kun_mellemrum": {"hovedprodukter.csv": "  \n\n \n"},
    "kun_overskrift": {"hovedprodukter.csv": hp()},
    "mangler_hovedprodukter": {"bevillinger.csv": BEV},
    # size and non-finite numbers
    "kæmpe_beloeb": {"hovedprodukter.csv": hp("Service,Administration,Løn,1e20,0,1000,-5")},
    "kæmpe_heltal": {"hovedprodukter.csv": hp("Service,Administration,Løn,"
                                               "123456789012345678901234567890,0,1000,-5")},
    "nan": {"hovedprodukter.csv": hp("Service,Administration,Løn,NaN,0,1000,-5")},
    "inf": {"hovedprodukter.csv": hp("Service,Administration,Løn,inf,0,1000,-5")},
    "minus_inf": {"hovedprodukter.csv": hp("Service,Administration,Løn,1234,0,-Infinity,-5")},
    # encodings
    "cp1252": {"hovedprodukter.csv": hp(LOEN, HUSLEJE).encode("cp1252")},
    "utf8_bom": {"hovedprodukter.csv": b"\xef\xbb\xbf" + hp(LOEN, HUSLEJE).encode("utf-8")},
    "utf16_tabulator": {"hovedprodukter.csv": hp(LOEN, HUSLEJE).replace(",", "\t").encode(
        "utf-16")},
    "latin_ukendt_bytes": {"hovedprodukter.csv": hp(LOEN).encode("utf-8") + b"Service,\x81\x8d,x,1"
                           b",0,1,0\n"},
    "binaer_som_csv": {"hovedprodukter.csv": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200)},
}

_REGELTEKST = REGLER.read_text(encoding="utf-8")


def regel(gammel: str, ny: str) -> str:
    assert gammel in _REGELTEKST, gammel
    return _REGELTEKST.replace(gammel, ny, 1)


BOMBE = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}]\n" for i in range(8))

REGLER_FILER: dict[str, str | bytes] = {
    "malformet.yaml": regel("enhed: tkr", "enhed: [tkr"),
    "tabulator_indrykning.yaml": regel("  titel: Regnskab\n", "\ttitel: Regnskab\n"),
    "ukendt_noegle.yaml": regel("enhed: tkr", "enhed: tkr\nvaluta: DKK"),
    "stavefejl_noegle.yaml": regel("    vaesentlighed_tkr: 50\n    forklaringskrav: false\n"
                                   "  bevilling:", "    vaesentlighed: 50\n    forklaringskrav: "
                                   "false\n  bevilling:"),
    "forkert_type_tekst.yaml": regel("fra_tkr: 50", "fra_tkr: halvtreds"),
    "forkert_type_ja.yaml": regel("fra_tkr: 50", "fra_tkr: yes"),
    "forkert_type_liste.yaml": regel("navn: Standardregler, regnskab", "navn: [a, b]"),
    "forkert_type_afsnit.yaml": regel("funktionsopdelte_bevillinger:\n  - Renter m.v.\n"
                                      "  - Langfristede balanceposter",
                                      "funktionsopdelte_bevillinger: Renter m.v."),
    "mangler_noegle.yaml": regel("fortegn: korrigeret_minus_regnskab", ""),
    "dobbelt_noegle.yaml": regel("enhed: tkr", "enhed: tkr\nenhed: kr"),
    "ugyldig_enhed.yaml": regel("enhed: tkr", "enhed: mio"),
    "uendeligt_tal.yaml": regel("fra_tkr: 50", "fra_tkr: .inf"),
    "liste_forkert_laengde.yaml": regel("grupper: [Korrigeret budget, \"{regnskab}\", Afvigelse]",
                                        "grupper: [Korrigeret budget, Afvigelse]"),
    "ukendt_pladsholder.yaml": regel("Merforbruget udgør {beloeb}.",
                                     "Merforbruget udgør {beløb}."),
    "mangler_pladsholder.yaml": regel("Mindreforbruget udgør {beloeb}.", "Mindreforbruget."),
    "klamme_ikke_lukket.yaml": regel("Merforbruget udgør {beloeb}.",
                                     "Merforbruget udgør {beloeb."),
    "alias_bombe.yaml": BOMBE,
    "anker_og_alias.yaml": regel("klasser:\n  mindreforbrug: mindreforbrug",
                                 "klasser:\n  mindreforbrug: &m mindreforbrug\n  x: *m"),
    "python_objekt.yaml": regel("navn: Standardregler, regnskab",
                                "navn: !!python/object/apply:os.system [\"echo hej\"]"),
    "python_tag_afsnit.yaml": regel("klasser:\n", "klasser: !!python/object:addin.regler.Regler\n"),
    "tom.yaml": "",
    "kun_kommentar.yaml": "# ingen regler\n",
    "liste_i_roden.yaml": "- enhed: tkr\n",
    "cp1252.yaml": regel("navn: Standardregler, regnskab", "navn: Særregler").encode("cp1252"),
    "for_stor.yaml": "# " + "x" * 1_100_000 + "\n",
}


def skriv() -> None:
    for navn, filer in CSV.items():
        mappe = HER / "csv" / navn
        if mappe.exists():
            shutil.rmtree(mappe)
        mappe.mkdir(parents=True)
        for fil, indhold in filer.items():
            data = indhold if isinstance(indhold, bytes) else indhold.encode("utf-8")
            (mappe / fil).write_bytes(data)
    (HER / "csv" / "tom_mappe").mkdir(exist_ok=True)
    (HER / "csv" / "tom_mappe" / ".gitkeep").write_bytes(b"")
    (HER / "regler").mkdir(exist_ok=True)
    for fil, indhold in REGLER_FILER.items():
        data = indhold if isinstance(indhold, bytes) else indhold.encode("utf-8")
        (HER / "regler" / fil).write_bytes(data)


if __name__ == "__main__":
    skriv()
