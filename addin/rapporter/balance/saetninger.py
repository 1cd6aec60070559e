"""The balance report's standard sentences, each built from the numbers of the derived tables."""

from __future__ import annotations

import datetime as dt

from addin.kontrol import BEMAERK, Kontrol
from addin.rapporter.balance.beregn import Balance
from addin.rapporter.balance.indlaes import BalanceInput
from addin.rapporter.balance.regler import SAETNINGER, BalanceRegler
from addin.talformat import decimaltal, mio_kr, tusinder

MAANEDER = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
            "september", "oktober", "november", "december"]


def lang_dato(d: dt.date) -> str:
    """'31. december 2024'."""
    return f"{d.day}. {MAANEDER[d.month - 1]} {d.year}"


class _Saetninger(list):
    """(section, sentence) in document order, plus a Kontrol note for every sentence left out
    because a setting it needs is missing: a sentence is never printed with a hole."""

    def __init__(self, regler: BalanceRegler) -> None:
        super().__init__()
        self.regler = regler
        self.noter: list[Kontrol] = []

    def append(self, par: tuple) -> None:  # type: ignore[override]
        super().append(par)

    def tilfoej(self, sektion: str, saetning: str, /, **felter: object) -> None:
        brugte = SAETNINGER.get(saetning, set(felter))
        tomme = [k for k, v in felter.items()
                 if k in brugte and (v is None or str(v).strip() == "")]
        if tomme:
            self.noter.append(Kontrol(BEMAERK, "Sætning ikke skrevet", saetning,
                                      f"indstillingen '{INDSTILLING.get(tomme[0], tomme[0])}' "
                                      "mangler (Indstillinger / indstillinger.csv, eller "
                                      "--forvaltning for udvalget)"))
            return
        super().append((sektion, self.regler.saetning(saetning, **felter)))


# placeholder -> the setting that fills it
INDSTILLING = {"forvaltning": "forvaltning", "udvalg": "udvalg"}
# claims the tool cannot derive from the tables it reads: printed only when the controller has
# stated them in Indstillinger ("nej" = nothing of the kind took place)
ERKLAERINGER = {"ingen_periodisering": ("afsnit_4", "periodisering_uden_dokumentation"),
                "ingen_hovedkonto9": ("afsnit_5", "posteringer_hovedkonto_9")}


def saetninger(inp: BalanceInput, b: Balance, regler: BalanceRegler) -> _Saetninger:
    """(section, sentence) in document order; a sentence whose numbers or settings are missing
    is left out and noted (`.noter`)."""
    ud = _Saetninger(regler)
    ind = inp.indstillinger
    dato = regler.rapportdato
    aar = str(dato.year)
    forv = ind.get("forvaltning", "")
    udvalg = ind.get("udvalg", "")
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
    ud.tilfoej("afsnit_2", "forvaltning_afstemt", aar=aar,
               antal=tusinder(total["antal_konti"]), udvalg=udvalg)
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
    _afskrivninger(ud, b, forv, aar)
    for navn, (sektion, noegle) in ERKLAERINGER.items():
        svar = ind.get(noegle, "").lower()
        if svar == "nej":
            ud.tilfoej(sektion, navn, forvaltning=forv, udvalg=udvalg, aar=aar)
        else:
            ud.noter.append(Kontrol(BEMAERK, "Sætning ikke skrevet", navn,
                                    "værktøjet læser ikke de data, sætningen bygger på; "
                                    + (f"skriv selv, hvad der er sket ('{noegle}' = ja)"
                                       if svar == "ja" else
                                       f"angiv '{noegle}' (ja/nej) i Indstillinger, eller skriv "
                                       "sætningen selv")))
    return ud


def _afskrivninger(ud: _Saetninger, b: Balance, forv: str, aar: str) -> None:
    a = b.afskrivninger
    if a is None:
        return
    navne = dict(zip(a["im_funktion_modpost"], a["navn"]))
    t31, t32 = a[a["tabel"] == "3.1"], a[a["tabel"] == "3.2"]
    if not t31.empty:
        im = t31["im_funktion_afskrivning"].iloc[0]
        ud.tilfoej("afsnit_3_1", "afskrivning_drift", forvaltning=forv, aar=aar,
                   beloeb=tusinder(t31["beloeb_tkr"].sum()))
        ud.tilfoej("afsnit_3_1", "afskrivning_drift_modpost", im=im, navn=navne.get(im, ""))
    if not t32.empty:
        im = t32["im_funktion_afskrivning"].iloc[0]
        ud.tilfoej("afsnit_3_2", "afskrivning_balance_modpost", im=im, navn=navne.get(im, ""))
        ud.tilfoej("afsnit_3_2", "afskrivning_balance", forvaltning=forv,
                   beloeb=decimaltal(t32["beloeb_tkr"].sum() / 1000, 1))
