# ruff: noqa: E501
"""What each bad-input case must give: the Løn row's five t.kr. amounts (it loads) or the one error line.

Messages are shown after "Fejl: "; paths are relative to the directory the CLI ran in.
"""

from __future__ import annotations

FORVENTET: dict[str, str | list[int]] = {
    'csv/kolonne_mangler':
        "fil csv/kolonne_mangler/hovedprodukter.csv, række 1, kolonne 'regnskab_indtaegt': Den påkrævede kolonne 'regnskab_indtaegt' mangler (fundet: styringsomraade, bevilling, navn, korrigeret_udgift, korrigeret_indtaegt, regnskab_udgift).",
    'csv/kolonne_omdoebt':
        "fil csv/kolonne_omdoebt/hovedprodukter.csv, række 1, kolonne 'regnskab_udgift': Den påkrævede kolonne 'regnskab_udgift' mangler (fundet: styringsomraade, bevilling, navn, korrigeret_udgift, korrigeret_indtaegt, Forbrug, regnskab_indtaegt).",
    'csv/kolonne_med_store_bogstaver': [1234, 0, 1000, -5, 239],
    'csv/kolonne_dobbelt':
        "fil csv/kolonne_dobbelt/hovedprodukter.csv, række 1, kolonne 'Regnskab udgift': Kolonnen 'Regnskab udgift' står to gange.",
    'csv/kolonne_ekstra_ignoreres': [1234, 0, 1000, -5, 239],
    'csv/header_tom':
        "fil csv/header_tom/hovedprodukter.csv, række 1, kolonne 'styringsomraade': Den påkrævede kolonne 'styringsomraade' mangler (fundet: ingen).",
    'csv/tekst_i_beloeb':
        "fil csv/tekst_i_beloeb/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': 'abc' er ikke et tal.",
    'csv/procent_i_beloeb':
        "fil csv/procent_i_beloeb/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': '12%' er ikke et tal.",
    'csv/engelsk_tal_i_dansk_csv':
        "fil csv/engelsk_tal_i_dansk_csv/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': '1,234.5' er ikke et tal.",
    'csv/beloeb_tomt':
        "fil csv/beloeb_tomt/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': Cellen er tom; skriv 0, hvis beløbet er nul.",
    'csv/navn_tomt':
        "fil csv/navn_tomt/hovedprodukter.csv, række 2, kolonne 'navn': Cellen er tom.",
    'csv/kort_raekke':
        "fil csv/kort_raekke/hovedprodukter.csv, række 2, kolonne 'regnskab_udgift': Cellen er tom; skriv 0, hvis beløbet er nul.",
    'csv/dato_i_beloeb':
        "fil csv/dato_i_beloeb/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': '2024-01-31' er ikke et tal.",
    'csv/dansk_decimal': [1235, 0, 1000, -5, 239],
    'csv/dansk_negativ_tusind': [1234, 0, 1000, -1234, 1468],
    'csv/dansk_parentes': [1234, 0, 1000, -5, 239],
    'csv/dansk_mellemrum': [1234, 0, 1000, -5, 239],
    'csv/dansk_haardt_mellemrum': [1234, 0, 1000, -5, 239],
    'csv/dansk_efterstillet_minus': [1234, 0, 1000, -5, 239],
    'csv/dansk_unicode_minus': [1234, 0, 1000, -5, 239],
    'csv/dansk_kr_endelse': [1234, 0, 1000, -5, 239],
    'csv/dansk_mange_decimaler': [1234, 0, 1000, -5, 238],
    'csv/dansk_excel_cp1252_crlf': [1234, 0, 1000, -5, 239],
    'csv/dansk_citerede_felter': [1234, 0, 1000, -5, 239],
    'csv/blanke_raekker': [1234, 0, 1000, -5, 239],
    'csv/totalraekke_i_alt':
        "fil csv/totalraekke_i_alt/hovedprodukter.csv, række 3, kolonne 'navn': Rækken ligner en totalrække ('I alt'). Totaler beregnes af værktøjet; slet rækken fra input.",
    'csv/totalraekke_total':
        "fil csv/totalraekke_total/hovedprodukter.csv, række 3, kolonne 'bevilling': Rækken ligner en totalrække ('Total'). Totaler beregnes af værktøjet; slet rækken fra input.",
    'csv/totalraekke_ialt_store':
        "fil csv/totalraekke_ialt_store/hovedprodukter.csv, række 3, kolonne 'styringsomraade': Rækken ligner en totalrække ('I ALT'). Totaler beregnes af værktøjet; slet rækken fra input.",
    'csv/ukendt_styringsomraade':
        "fil csv/ukendt_styringsomraade/hovedprodukter.csv, række 2, kolonne 'bevilling': Bevillingen 'Administration' under styringsområdet 'Servise' findes ikke i bevillinger. Bevillingen findes under 'Service'.",
    'csv/stavefejl_bevilling':
        "fil csv/stavefejl_bevilling/hovedprodukter.csv, række 2, kolonne 'bevilling': Bevillingen 'Administation' under styringsområdet 'Service' findes ikke i bevillinger. Kendte bevillinger: Administration.",
    'csv/hovedprodukt_under_to_bevillinger':
        "fil csv/hovedprodukt_under_to_bevillinger/hovedprodukter.csv, række 3, kolonne 'bevilling': Hovedproduktet 'Løn' står under to bevillinger (Service / Administration og Service / Integration).",
    'csv/bevilling_dobbelt':
        "fil csv/bevilling_dobbelt/bevillinger.csv, række 3, kolonne 'bevilling': Bevillingen 'Administration' under 'Service' står to gange.",
    'csv/bevilling_tekst_i_beloeb':
        "fil csv/bevilling_tekst_i_beloeb/bevillinger.csv, række 2, kolonne 'vedtaget_budget': 'mange' er ikke et tal.",
    'csv/niveau_ugyldigt':
        "fil csv/niveau_ugyldigt/hovedprodukter.csv, række 2, kolonne 'niveau': Ugyldig værdi 'produkt'; tilladt: funktion, hovedprodukt.",
    'csv/aktivitet_ugyldigt_maal':
        "fil csv/aktivitet_ugyldigt_maal/aktivitet.csv, række 2, kolonne 'maal': Ugyldig værdi 'stk'; tilladt: antal, enhedspris.",
    'csv/forklaring_ugyldig_retning':
        "fil csv/forklaring_ugyldig_retning/forklaringer.csv, række 2, kolonne 'retning': Ugyldig værdi 'overforbrug'; tilladt: merforbrug, mindreforbrug.",
    'csv/tom_fil':
        'fil csv/tom_fil/hovedprodukter.csv: Filen er tom.',
    'csv/kun_mellemrum':
        'fil csv/kun_mellemrum/hovedprodukter.csv: Filen er tom.',
    'csv/kun_overskrift':
        'fil csv/kun_overskrift/hovedprodukter.csv: Tabellen har ingen datarækker.',
    'csv/mangler_hovedprodukter':
        'fil csv/mangler_hovedprodukter: Input mangler hovedprodukter.csv.',
    'csv/kæmpe_beloeb':
        "fil csv/kæmpe_beloeb/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': Beløbet 1e20 er urimeligt stort.",
    'csv/kæmpe_heltal':
        "fil csv/kæmpe_heltal/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': Beløbet 123456789012345678901234567890 er urimeligt stort.",
    'csv/nan':
        "fil csv/nan/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': 'NaN' er ikke et tal.",
    'csv/inf':
        "fil csv/inf/hovedprodukter.csv, række 2, kolonne 'korrigeret_udgift': 'inf' er ikke et endeligt tal.",
    'csv/minus_inf':
        "fil csv/minus_inf/hovedprodukter.csv, række 2, kolonne 'regnskab_udgift': '-Infinity' er ikke et endeligt tal.",
    'csv/cp1252': [1234, 0, 1000, -5, 239],
    'csv/utf8_bom': [1234, 0, 1000, -5, 239],
    'csv/utf16_tabulator': [1234, 0, 1000, -5, 239],
    'csv/latin_ukendt_bytes':
        'fil csv/latin_ukendt_bytes/hovedprodukter.csv: Filen er hverken UTF-8 eller Windows-1252 (cp1252); gem den som CSV UTF-8.',
    'csv/binaer_som_csv':
        'fil csv/binaer_som_csv/hovedprodukter.csv: Filen er ikke en tekstfil (CSV).',
    'csv/tom_mappe':
        'fil csv/tom_mappe: Input passer ikke til nogen rapportart; hver art kræver sit input: Regnskab/budgetopfølgning: hovedprodukter.csv; Balanceafstemning: handleplaner.csv; Budgetnotat: bevillingsteknik.csv; Bevillingsudløb: udloeb.csv; Budgetmodel: budgetmodel.csv; Budgetgaranti: budgetgaranti.csv; Kommuneoversigt: samling.csv.',
    'regler/malformet.yaml':
        "fil regler/malformet.yaml, række 12: Filen er ikke gyldig YAML (expected ',' or ']', but got '<scalar>').",
    'regler/tabulator_indrykning.yaml':
        "fil regler/tabulator_indrykning.yaml, række 8: Filen er ikke gyldig YAML (found character '\\t' that cannot start any token).",
    'regler/ukendt_noegle.yaml':
        "fil regler/ukendt_noegle.yaml, række 12, nøgle 'valuta': Ukendt nøgle. Kendte nøgler her: afrunding, diagrammer, enhed, forklaringskrav, fortegn, funktionsopdelte_bevillinger, klasser, kommune, navn, niveauer, pris_maengde, rapport, runder, saetninger, tabeller, talord, tekster, ydelser_retning.",
    'regler/stavefejl_noegle.yaml':
        "fil regler/stavefejl_noegle.yaml, række 18, nøgle 'niveauer.styringsomraade.vaesentlighed': Ukendt nøgle. Kendte nøgler her: forklaringskrav, navneord, vaesentlighed_tkr.",
    'regler/forkert_type_tekst.yaml':
        "fil regler/forkert_type_tekst.yaml, række 45, nøgle 'forklaringskrav.fra_tkr': Forkert type: forventede heltal eller tal, fandt 'halvtreds'.",
    'regler/forkert_type_ja.yaml':
        "fil regler/forkert_type_ja.yaml, række 45, nøgle 'forklaringskrav.fra_tkr': Forkert type: forventede heltal eller tal, fandt 'yes'.",
    'regler/forkert_type_liste.yaml':
        "fil regler/forkert_type_liste.yaml, række 5, nøgle 'navn': Her skal stå en enkelt værdi (tekst).",
    'regler/forkert_type_afsnit.yaml':
        "fil regler/forkert_type_afsnit.yaml, række 81, nøgle 'funktionsopdelte_bevillinger': Her skal stå en liste.",
    'regler/mangler_noegle.yaml':
        "fil regler/mangler_noegle.yaml, række 5, nøgle 'fortegn': Mangler nøglen 'fortegn'.",
    'regler/dobbelt_noegle.yaml':
        "fil regler/dobbelt_noegle.yaml, række 12, nøgle 'enhed': Nøglen står to gange.",
    'regler/ugyldig_enhed.yaml':
        "fil regler/ugyldig_enhed.yaml, række 11, nøgle 'enhed': Ugyldig værdi 'mio'; tilladt: kr, tkr.",
    'regler/uendeligt_tal.yaml':
        "fil regler/uendeligt_tal.yaml, række 45, nøgle 'forklaringskrav.fra_tkr': Tallet skal være endeligt.",
    'regler/liste_forkert_laengde.yaml':
        "fil regler/liste_forkert_laengde.yaml, række 91, nøgle 'tabeller.detalje.grupper': Listen skal have 3 elementer, men har 2.",
    'regler/ukendt_pladsholder.yaml':
        "fil regler/ukendt_pladsholder.yaml, række 58, nøgle 'saetninger.ydelse_merforbrug': Ukendt pladsholder {beløb}; tilladt her: {beloeb}, {navneord}.",
    'regler/mangler_pladsholder.yaml':
        "fil regler/mangler_pladsholder.yaml, række 59, nøgle 'saetninger.ydelse_mindreforbrug': Skabelonen mangler pladsholderen {beloeb}.",
    'regler/klamme_ikke_lukket.yaml':
        "fil regler/klamme_ikke_lukket.yaml, række 58, nøgle 'saetninger.ydelse_merforbrug': Skabelonen kan ikke læses: { og } skal stå i par om et pladsholdernavn (skriv {{ eller }} for selve tegnet).",
    'regler/alias_bombe.yaml':
        'fil regler/alias_bombe.yaml, række 1: YAML-ankre og -aliaser (& og *) er ikke tilladt i regelfiler.',
    'regler/anker_og_alias.yaml':
        'fil regler/anker_og_alias.yaml, række 49: YAML-ankre og -aliaser (& og *) er ikke tilladt i regelfiler.',
    'regler/python_objekt.yaml':
        "fil regler/python_objekt.yaml, række 5: YAML-mærket '!!python/object/apply:os.system' er ikke tilladt i regelfiler; en regelfil indeholder kun tekst, tal, lister og afsnit.",
    'regler/python_tag_afsnit.yaml':
        "fil regler/python_tag_afsnit.yaml, række 48: YAML-mærket '!!python/object:addin.regler.Regler' er ikke tilladt i regelfiler; en regelfil indeholder kun tekst, tal, lister og afsnit.",
    'regler/tom.yaml':
        'fil regler/tom.yaml: Regelfilen er tom.',
    'regler/kun_kommentar.yaml':
        'fil regler/kun_kommentar.yaml: Regelfilen er tom.',
    'regler/liste_i_roden.yaml':
        'fil regler/liste_i_roden.yaml, række 1: Her skal stå et afsnit med nøgler.',
    'regler/cp1252.yaml':
        'fil regler/cp1252.yaml: Regelfilen er ikke UTF-8 (byte 33).',
    'regler/for_stor.yaml':
        'fil regler/for_stor.yaml: Regelfilen er for stor (over 1 MB).',
    'wb/wb_dansk_taltekst': [1234, 0, 1000, -5, 239],
    'wb/wb_titel_over_overskrift': [1234, 0, 1000, -5, 239],
    'wb/wb_arknavn_med_stort': [1234, 0, 1000, -5, 239],
    'wb/wb_xlsm': [1234, 0, 1000, -5, 239],
    'wb/wb_uden_inputark':
        "fil wb_uden_inputark.xlsx: Projektmappen passer ikke til nogen rapportart; hver art kræver sit input: Regnskab/budgetopfølgning: arket 'hovedprodukter'; Balanceafstemning: arket 'handleplaner'; Budgetnotat: arket 'bevillingsteknik'; Bevillingsudløb: arket 'udloeb'; Budgetmodel: arket 'budgetmodel'; Budgetgaranti: arket 'budgetgaranti'; Kommuneoversigt: arket 'samling'.",
    'wb/wb_tomt_ark':
        "fil wb_tomt_ark.xlsx, ark 'hovedprodukter': Arket er tomt.",
    'wb/wb_kun_overskrift':
        "fil wb_kun_overskrift.xlsx, ark 'hovedprodukter': Arket har ingen data: indsæt dem under overskrifterne (i skabelonen fra række 4) og tryk Refresh igen.",
    'wb/wb_tekst_i_beloeb':
        "fil wb_tekst_i_beloeb.xlsx, ark 'hovedprodukter', række 2, kolonne 'regnskab_udgift': 'ca. 1000' er ikke et tal.",
    'wb/wb_formel_uden_vaerdi':
        "fil wb_formel_uden_vaerdi.xlsx, ark 'hovedprodukter', række 2, kolonne 'korrigeret_udgift': Cellen er tom; skriv 0, hvis beløbet er nul.",
    'wb/wb_fejlvaerdi':
        "fil wb_fejlvaerdi.xlsx, ark 'hovedprodukter', række 2, kolonne 'korrigeret_udgift': Cellen er tom; skriv 0, hvis beløbet er nul.",
    'wb/wb_dato_i_beloeb':
        "fil wb_dato_i_beloeb.xlsx, ark 'hovedprodukter', række 2, kolonne 'korrigeret_udgift': '2024-12-31' er ikke et tal.",
    'wb/wb_sandt_i_beloeb':
        "fil wb_sandt_i_beloeb.xlsx, ark 'hovedprodukter', række 2, kolonne 'korrigeret_udgift': 'True' er ikke et tal.",
    'wb/wb_kaempe_beloeb':
        "fil wb_kaempe_beloeb.xlsx, ark 'hovedprodukter', række 2, kolonne 'korrigeret_indtaegt': Beløbet 1e+300 er urimeligt stort.",
    'wb/wb_dobbelt_kolonne':
        "fil wb_dobbelt_kolonne.xlsx, ark 'hovedprodukter', række 1, kolonne 'Navn': Kolonnen 'Navn' står to gange.",
    'wb/wb_totalraekke':
        "fil wb_totalraekke.xlsx, ark 'hovedprodukter', række 3, kolonne 'styringsomraade': Rækken ligner en totalrække ('I alt'). Totaler beregnes af værktøjet; slet rækken fra input.",
    'wb/wb_tom_fil':
        'fil wb_tom_fil.xlsx: Filen er tom.',
    'wb/wb_korrupt_afkortet':
        'fil wb_korrupt_afkortet.xlsx: Filen er ikke en gyldig projektmappe (beskadiget eller en anden filtype); åbn den i Excel og gem den igen som .xlsx.',
    'wb/wb_tilfaeldige_bytes':
        'fil wb_tilfaeldige_bytes.xlsx: Filen er ikke en gyldig projektmappe (beskadiget eller en anden filtype); åbn den i Excel og gem den igen som .xlsx.',
    'wb/wb_csv_med_xlsx_navn':
        'fil wb_csv_med_xlsx_navn.xlsx: Filen er ikke en gyldig projektmappe (beskadiget eller en anden filtype); åbn den i Excel og gem den igen som .xlsx.',
    'wb/wb_ole_beholder':
        'fil wb_ole_beholder.xlsx: Filen er en ældre Office-fil (fx .xls) med forkert endelse; åbn den i Excel og gem den som .xlsx.',
    'wb/wb_krypteret':
        'fil wb_krypteret.xlsx: Projektmappen er krypteret eller beskyttet med adgangskode; gem en kopi uden adgangskode.',
    'wb/wb_xls': [1234, 0, 1000, -5, 239],
    'sti/csv/findes_ikke':
        'fil csv/findes_ikke: Input findes ikke (angiv en mappe med CSV-filer eller en projektmappe).',
    'sti/csv/cp1252/hovedprodukter.csv':
        'fil csv/cp1252/hovedprodukter.csv: Angiv mappen med CSV-filerne, ikke en enkelt CSV-fil.',
    'sti/lav_korpus.py':
        'fil lav_korpus.py: Ukendt filtype; brug en mappe med CSV-filer eller en .xlsx-fil.',
}
