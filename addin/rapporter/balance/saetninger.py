"""The balance report's standard sentences, each built from the numbers of the derived tables."""

from __future__ import annotations

import datetime as dt

from addin.rapporter.balance.beregn import Balance
from addin.rapporter.balance.indlaes import BalanceInput
from addin.rapporter.balance.regler import BalanceRegler
from addin.talformat import decimaltal, mio_kr, tusinder

MAANEDER = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
            "september", "oktober", "november", "december"]


def lang_dato(d: dt.date) -> str:
    """'31. december 2024'."""
    return f"{d.day}. {MAANEDER[d.month - 1]} {d.year}"


def saetninger(inp: BalanceInput, b: Balance, regler: BalanceRegler) -> list[tuple[str, str]]:
    """(section, sentence) in document order; a sentence whose numbers are missing is left out."""
    ind = inp.indstillinger
    dato = regler.rapportdato
    aar = str(dato.year)
    forv = ind.get("forvaltning", "")
    udvalg = ind.get("udvalg", "")
    ud: list[tuple[str, str]] = []
    if b.kategorier is not None:
        k = b.kategorier.set_index("kategori")
        i_alt = int(k.loc["i alt", f"antal_{dato.year}"])
        ks, fv = ind.get("antal_ks"), ind.get("antal_forvaltninger")
        if ks and fv:
            ud.append(("afsnit_1", regler.saetning(
                "afstemte_konti", dato=lang_dato(dato), antal=tusinder(i_alt),
                antal_ks=tusinder(int(ks)), antal_forvaltninger=tusinder(int(fv)))))
        aendring = int(k.loc["i alt", "antal_aendring"])
        navn = "konti_reduceret" if aendring < 0 else "konti_oeget"
        ud.append(("afsnit_1", regler.saetning(navn, antal=tusinder(abs(aendring)))))
        a3 = k.loc["3", "netto_aendring_tkr"]
        ud.append(("afsnit_1", regler.saetning(
            "kategori3_fald" if a3 < 0 else "kategori3_stigning", aendring=mio_kr(a3),
            aar=aar, beloeb=mio_kr(k.loc["3", f"netto_{dato.year}_tkr"]))))
        nu, foer = dato.year, dato.year - 1
        antal_ned = k.loc["2", f"antal_{nu}"] < k.loc["2", f"antal_{foer}"]
        beloeb_ned = abs(k.loc["2", f"netto_{nu}_tkr"]) < abs(k.loc["2", f"netto_{foer}_tkr"])
        if antal_ned and beloeb_ned:
            ud.append(("afsnit_1", regler.saetning("kategori2_begge_faldet")))
        elif not antal_ned and not beloeb_ned:
            ud.append(("afsnit_1", regler.saetning("kategori2_begge_steget")))
        else:
            ud.append(("afsnit_1", regler.saetning(
                "kategori2_blandet", antal_retning="faldet" if antal_ned else "steget",
                beloeb_retning="faldet" if beloeb_ned else "steget")))
    total = b.tabel_2_1[b.tabel_2_1["im_funktion"] == "Total"].iloc[0]
    hp = inp.get("handleplaner")
    ud.append(("afsnit_2", regler.saetning("forvaltning_afstemt", aar=aar,
                                           antal=tusinder(total["antal_konti"]), udvalg=udvalg)))
    for kat in ("2", "3"):
        ud.append(("afsnit_2", regler.saetning(
            "kategori_logget", antal=tusinder(int((hp["kategori"] == kat).sum())), kategori=kat,
            navn=regler.kategorinavn(kat))))
    graense = tusinder(regler.graense_kr)
    ud.append(("tabel_2_1_note", regler.saetning("graense_note", graense=graense)))
    if b.systemafstemning is not None:
        ud.append(("systemafstemning_note", regler.saetning("graense_note_system",
                                                            graense=graense)))
        for modtager in regler.data["modtagersystemer"]:
            if not (b.systemafstemning["modtager"] == modtager).any():
                ud.append((f"systemafstemning_{modtager.lower().split()[0]}",
                           regler.saetning("system_uden_difference",
                                           dato=dato.strftime("%d.%m.%Y"))))
    ud.extend(_afskrivninger(b, regler, forv, aar))
    if inp.get("periodiseringer") is None:
        ud.append(("afsnit_4", regler.saetning("ingen_periodisering", forvaltning=forv, aar=aar)))
    if inp.get("hovedkonto_9") is None:
        ud.append(("afsnit_5", regler.saetning("ingen_hovedkonto9", udvalg=udvalg, aar=aar)))
    return ud


def _afskrivninger(b: Balance, regler: BalanceRegler, forv: str, aar: str) -> list[tuple]:
    ud: list[tuple[str, str]] = []
    a = b.afskrivninger
    if a is None:
        return ud
    navne = dict(zip(a["im_funktion_modpost"], a["navn"]))
    t31, t32 = a[a["tabel"] == "3.1"], a[a["tabel"] == "3.2"]
    if not t31.empty:
        im = t31["im_funktion_afskrivning"].iloc[0]
        ud.append(("afsnit_3_1", regler.saetning("afskrivning_drift", forvaltning=forv, aar=aar,
                                                 beloeb=tusinder(t31["beloeb_tkr"].sum()))))
        ud.append(("afsnit_3_1", regler.saetning("afskrivning_drift_modpost", im=im,
                                                 navn=navne.get(im, ""))))
    if not t32.empty:
        im = t32["im_funktion_afskrivning"].iloc[0]
        ud.append(("afsnit_3_2", regler.saetning("afskrivning_balance_modpost", im=im,
                                                 navn=navne.get(im, ""))))
        mio = decimaltal(t32["beloeb_tkr"].sum() / 1000, 1) + " mio.kr."
        ud.append(("afsnit_3_2", regler.saetning("afskrivning_balance", forvaltning=forv,
                                                 beloeb=mio)))
    return ud
