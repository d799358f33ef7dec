"""The field labels of LexisNexis and Nexis Uni exports, in the languages their interfaces write them, and what
each field means for a clipping.

Only labels listed here are labels in a LexisNexis text export: its body holds all-caps lines with colons too
(`ANNOUNCER: ...`, `MID: ...`). A field without a meaning of its own (`LENGTH`, `JOURNAL-CODE`) is kept as extra
data under its name as written.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from .documents import Document, read_date, split_title

# Meanings: title, byline, section, load_date, update (a load date when none is given), language, url, subject
# (the subject index: categories), body (the body follows), and "" (kept as extra data).
_TXT_LABELS = {
    "title": "HEADLINE TITLE KOP TITEL SCHLAGZEILE TITRE TITULAR TITOLO",
    "byline": "BYLINE AUTHOR AUTOR AUTEUR AUTORE SIGNATURE NAME",
    "section": "SECTION RUBRIK RUBRIQUE SECTIE RUBRIEK SECCIÓN SECCION SEZIONE",
    "load_date": "LOAD-DATE DATE-CHARGEMENT LADEDATUM FECHA-CARGA",
    "update": "UPDATE",
    "language": "LANGUAGE SPRACHE LANGUE TAAL IDIOMA LINGUA",
    "url": "URL",
    "subject": "SUBJECT PUB-SUBJECT THEMA SUJET ONDERWERP TEMA",
    "body": "BODY TEXT TEKST TEXTE TEXTO TESTO",
    "": "ORTSZEILE LENGTH LÄNGE LONGUEUR LENGTE LONGITUD LUNGHEZZA HIGHLIGHT CHAPEAU DATELINE "
        "PUBLICATION-TYPE TYPE-PUBLICATION PUBLIKATIONSTYP PUB-TYPE JOURNAL-CODE CODE-REVUE GRAPHIC GRAFIK "
        "ILLUSTRATION GEOGRAPHIC ORGANIZATION PERSON INDUSTRY COMPANY TICKER CITY STATE COUNTRY DOCUMENT-TYPE "
        "DOKUMENTTYP CORRECTION-DATE CORRECTION NOTES SERIES COLUMN ACC-NO DISTRIBUTION TYPE SOURCE SHOW "
        "GUESTS ANCHORS TRANSCRIPT EDITION PAGE DISCLAIMER BIO",
}
TXT: dict[str, str] = {label: meaning for meaning, names in _TXT_LABELS.items() for label in names.split()}
"""LexisNexis text-export label (capitals, as written) → meaning."""

_UNI_LABELS = {
    "title": "title|titel|titre|título|titolo",
    "byline": "byline|author|autor|auteur|autore|auteurs|verfasser",
    "section": "section|rubrik|ressort|rubrique|sección|seccion|sectie|rubriek|sezione|seção|secção",
    "load_date": "load-date|load date|ladedatum|datum des ladens|date de chargement|date-chargement|"
                 "fecha de carga|laaddatum|data di caricamento|data de carregamento",
    "language": "language|sprache|langue|idioma|taal|lingua",
    "url": "url",
    "subject": "subject|thema|themen|sujet|sujets|tema|onderwerp|soggetto|assunto",
    "": "length|länge|longueur|longitud|lengte|lunghezza|comprimento|highlight|dateline|publication-type|"
        "publikationstyp|type de publication|tipo de publicación|publicatietype|tipo di pubblicazione|"
        "tipo de publicação|journal code|industry|branche|secteur|industria|settore|setor|geographic|"
        "geografisch|geographisch|géographique|geografía|geografia|geografico|person|personne|persona|persoon|"
        "pessoa|organization|organisation|organización|organisatie|organizzazione|organização|company|"
        "unternehmen|société|entreprise|empresa|bedrijf|società|ticker|graphic|grafik|graphique|notes|"
        "correction|correction-date|document-type|dokumenttyp|series|edition|ausgabe|édition|edición",
}
UNI: dict[str, str] = {label: meaning for meaning, names in _UNI_LABELS.items() for label in names.split("|")}
"""Nexis Uni label (case-folded) → meaning."""


def shown(label: str) -> str:
    """A label as the name of an extra field: `PUBLICATION-TYPE` → `Publication-Type`; mixed case as written."""
    return label.title() if label.isupper() else label


def apply(doc: Document, fields: Mapping[str, tuple[str, int]]) -> None:
    """Set the document's clipping fields from its labelled fields ((value, line) by meaning)."""
    if "title" in fields:
        doc.title, doc.subtitle = split_title(fields["title"][0])
    if "byline" in fields:
        doc.author = fields["byline"][0]
    if "section" in fields:
        doc.section = fields["section"][0]
        doc.keep("Section", doc.section)
    if "language" in fields:
        doc.set_language(fields["language"][0])
    if "url" in fields:
        doc.set_url(*fields["url"])
    load = fields.get("load_date") or fields.get("update")
    if load is not None:
        doc.captured = _load_date(doc, *load)
    if "update" in fields and "load_date" in fields:
        doc.keep("Update", fields["update"][0])


def _load_date(doc: Document, value: str, line: int) -> dt.datetime | None:
    when = read_date(value)
    if when is None or when.precision != "day":
        doc.problem(f"cannot read load date '{value[:60]}'", "warning", line)
        return None
    return when.moment()
