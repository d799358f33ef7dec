"""Which column of a monitoring spreadsheet holds what: header names in the languages exports come in, and the
names a site adds in the `[columns]` table of sitegen.toml.

Headers are compared without case, accents, punctuation and extra spaces (`Veröffentlichungs-Datum:` matches
`veroffentlichungs datum`). Names listed in `[columns]` come first; a column is used for one field only.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ALIASES: dict[str, tuple[str, ...]] = {  # per field, in order of preference
    "id": ("Document ID", "Doc ID", "Mention ID", "Article ID", "Item ID", "Story ID", "Content ID", "Unique ID",
           "ID", "Dokument-ID", "Artikel-ID", "Identifiant", "Identificador"),
    "title": ("Headline", "Title", "News Headline", "Article Title", "Article Headline", "Story Title", "Heading",
              "Titel", "Überschrift", "Schlagzeile", "Artikeltitel", "Titre", "Titular", "Título", "Titolo",
              "Başlık", "Manşet", "Kop", "Koptekst", "Заголовок"),
    "published": ("Date", "Published", "Published Date", "Publish Date", "Publication Date", "Pub Date",
                  "Published At", "Date Published", "Article Date", "Datum", "Veröffentlicht",
                  "Veröffentlichungsdatum", "Erscheinungsdatum", "Publikationsdatum", "Date de publication",
                  "Date de parution", "Fecha", "Fecha de publicación", "Data", "Data de publicação",
                  "Data di pubblicazione", "Data pubblicazione", "Tarih", "Yayın Tarihi", "Publicatiedatum",
                  "Publiceringsdatum", "Дата", "Дата публикации"),
    "captured": ("Capture Date", "Captured", "Date Added", "Added", "Date Found", "Found", "Crawled", "Indexed",
                 "Erfasst", "Erfassungsdatum", "Date de collecte", "Fecha de captura"),
    "source": ("Source", "Source Name", "Outlet", "Outlet Name", "Media Outlet", "Media", "Media Name",
               "Publication", "Publication Name", "Publisher", "Newspaper", "Quelle", "Medium", "Publikation",
               "Zeitung", "Média", "Support", "Fuente", "Medio", "Fonte", "Testata", "Kaynak", "Yayın", "Bron",
               "Källa", "Источник", "Издание"),
    "author": ("Author", "Authors", "Byline", "Journalist", "Journalists", "Writer", "Author Name", "Influencer",
               "Autor", "Autoren", "Verfasser", "Auteur", "Auteurs", "Autore", "Autori", "Yazar", "Muhabir",
               "Auteur(s)", "Författare", "Автор"),
    "url": ("URL", "Link", "Article URL", "Article Link", "Web Address", "Permalink", "Web Link", "Lien",
            "Adresse", "Enlace", "Vínculo", "Collegamento", "Bağlantı", "Adres", "Länk", "Lenke", "Ссылка"),
    "text": ("Opening Text", "Summary", "Snippet", "Excerpt", "Extract", "Abstract", "Lead", "Teaser",
             "Description", "Content", "Text", "Body", "Article Text", "Full Text", "Hit Sentence", "Mention",
             "Mention Text", "Zusammenfassung", "Auszug", "Anriss", "Textauszug", "Inhalt", "Résumé", "Extrait",
             "Chapeau", "Texte", "Contenu", "Resumen", "Extracto", "Fragmento", "Texto", "Contenido",
             "Riassunto", "Estratto", "Testo", "Sommario", "Resumo", "Trecho", "Conteúdo", "Özet", "Metin",
             "İçerik", "Samenvatting", "Tekst", "Sammanfattning", "Текст", "Аннотация"),
    "language": ("Language", "Lang", "Sprache", "Langue", "Idioma", "Lingua", "Língua", "Dil", "Taal", "Språk",
                 "Язык"),
    "categories": ("Tags", "Tag", "Document Tags", "Custom Categories", "Categories", "Category", "Topics",
                   "Topic", "Section", "Labels", "Schlagwörter", "Stichwörter", "Kategorie", "Kategorien",
                   "Rubrik", "Ressort", "Themen", "Étiquettes", "Catégorie", "Catégories", "Rubrique", "Thèmes",
                   "Etiquetas", "Categoría", "Categorías", "Sección", "Temas", "Etichette", "Categoria",
                   "Categorie", "Sezione", "Seção", "Etiketler", "Kategori", "Bölüm", "Trefwoorden", "Rubriek",
                   "Категория", "Рубрика", "Теги"),
    "sentiment": ("Sentiment", "Tone", "Tonality", "Tonalität", "Stimmung", "Tonalité", "Sentimiento", "Tono",
                  "Sentimento", "Tom", "Duygu", "Ton", "Тональность"),
    "country": ("Country", "Land", "Pays", "País", "Paese", "Ülke", "Страна"),
}
"""Header names of each field. The keys are the field names `[columns]` accepts (config.COLUMN_FIELDS)."""
SHOWN = {"sentiment": "Sentiment", "country": "Country"}
"""Fields kept as extra data under one name, whatever the export calls them, so that exports agree."""
_MANY = frozenset({"text", "categories"})
"""Fields that may come from several columns: texts in order of preference, categories from all."""
_NOT_WORD = re.compile(r"[\W_]+")


def normal(header: object) -> str:
    """A header as compared: lower case, accents and punctuation removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(header)).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", text).strip()


_BUILT_IN = [(normal(name), field) for field, names in ALIASES.items() for name in names]


@dataclass(frozen=True, slots=True)
class Columns:
    """The header row and what each of its columns holds."""

    line: int
    """Line (or row) of the header."""
    names: tuple[str, ...]
    """Each column's header as written."""
    fields: Mapping[str, tuple[int, ...]]
    """Field → the columns it is read from, in order of preference."""

    @property
    def extra(self) -> tuple[int, ...]:
        """Columns no field uses, kept as extra data under their own header."""
        used = {i for indexes in self.fields.values() for i in indexes}
        return tuple(i for i, name in enumerate(self.names) if i not in used and name)


def match(cells: Sequence[object], user: Mapping[str, Sequence[str]], line: int = 0) -> Columns:
    """What each column holds: names from `[columns]` first, then the built-in names, each column once."""
    headers = [normal(c) if isinstance(c, str) else "" for c in cells]
    wanted = [(normal(name), field) for field, names in user.items() for name in names] + _BUILT_IN
    fields: dict[str, list[int]] = {}
    taken: set[int] = set()
    for name, field in wanted:
        for index, header in enumerate(headers):
            if header == name and header and index not in taken:
                if field in fields and field not in _MANY:
                    continue
                fields.setdefault(field, []).append(index)
                taken.add(index)
    names = tuple(" ".join(c.split()) if isinstance(c, str) else "" for c in cells)
    return Columns(line, names, {field: tuple(indexes) for field, indexes in fields.items()})


def score(columns: Columns) -> int:
    """How much a row reads as the header: the number of fields found, 0 unless a headline or text is among
    them (without either there is nothing to publish)."""
    if "title" not in columns.fields and "text" not in columns.fields:
        return 0
    return len(columns.fields)
