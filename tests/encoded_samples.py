"""Clippings in the legacy code pages of their languages, as exports write them: the tests' fixture files in
tests/fixtures/encodings/ hold these texts, each encoded as its file name says (all written for these tests)."""
from __future__ import annotations

SAMPLES: dict[str, tuple[str, str, str, str]] = {
    # language: (English name as the export's Category line gives it, title, category, body)
    "tr": ("Turkish", "Yeni köprü İstanbul trafiğini rahatlatacak", "Ulaşım",
           "Belediye başkanı, çalışmaların şubat ayında biteceğini söyledi.\n\n"
           "Köprünün açılışıyla birlikte Boğaz geçişinin yirmi dakika kısalacağı hesaplanıyor."),
    "ru": ("Russian", "Мэрия объявила о ремонте моста через реку", "Транспорт",
           "Работы начнутся в понедельник и продлятся две недели.\n\n"
           "Жителям советуют заранее планировать поездки и пользоваться метро."),
    "el": ("Greek", "Ο δήμος ανακοίνωσε την επισκευή της γέφυρας", "Μεταφορές",
           "Οι εργασίες θα ξεκινήσουν τη Δευτέρα και θα διαρκέσουν δύο εβδομάδες.\n\n"
           "Οι κάτοικοι καλούνται να χρησιμοποιούν το μετρό."),
    "ar": ("Arabic", "البلدية تعلن عن إصلاح الجسر القديم", "النقل",
           "ستبدأ الأعمال يوم الاثنين وتستمر أسبوعين.\n\n"
           "ونصحت البلدية السكان باستخدام الحافلات خلال فترة الإغلاق."),
    "he": ("Hebrew", "העירייה הודיעה על תיקון הגשר הישן", "תחבורה",
           "העבודות יתחילו ביום שני ויימשכו שבועיים.\n\n"
           "התושבים מתבקשים להשתמש בתחבורה הציבורית בזמן הסגירה."),
    "pl": ("Polish", "Ratusz ogłosił remont mostu na Wiśle", "Transport",
           "Prace rozpoczną się w poniedziałek i potrwają dwa tygodnie.\n\n"
           "Mieszkańcy powinni korzystać z tramwajów, które będą kursować częściej."),
    "cs": ("Czech", "Radnice oznámila opravu mostu přes řeku", "Doprava",
           "Práce začnou v pondělí a potrvají dva týdny.\n\n"
           "Obyvatelé mají využívat tramvaje, které budou jezdit častěji."),
    "ja": ("Japanese", "市役所が川の橋の修理を発表", "交通",
           "工事は月曜日に始まり、二週間続く予定だ。\n\n"
           "市民には地下鉄やバスを利用するよう呼びかけている。"),
    "zh": ("Chinese", "市政府宣布修复河上的大桥", "交通",
           "工程将于星期一开始，持续两个星期。\n\n"
           "政府建议市民在封闭期间乘坐地铁和公共汽车。"),
    "zh-Hant": ("Chinese", "市政府宣佈修復河上的大橋", "交通",
                "工程將於星期一開始，持續兩個星期。\n\n"
                "政府建議市民在封閉期間乘坐地鐵和公共汽車。"),
    "ko": ("Korean", "시청이 강 위의 다리 수리를 발표했다", "교통",
           "공사는 월요일에 시작해 이 주 동안 계속된다.\n\n"
           "시민들은 지하철과 버스를 이용해 달라는 요청을 받았다."),
}

FIXTURES: dict[str, tuple[str, str]] = {
    # file name: (sample, Python codec)
    "tr-windows-1254.txt": ("tr", "cp1254"),
    "tr-iso-8859-9.txt": ("tr", "iso8859_9"),
    "ru-windows-1251.txt": ("ru", "cp1251"),
    "ru-koi8-r.txt": ("ru", "koi8_r"),
    "el-windows-1253.txt": ("el", "cp1253"),
    "ar-windows-1256.txt": ("ar", "cp1256"),
    "he-windows-1255.txt": ("he", "cp1255"),
    "pl-windows-1250.txt": ("pl", "cp1250"),
    "cs-windows-1250.txt": ("cs", "cp1250"),
    "ja-shift-jis.txt": ("ja", "shift_jis"),
    "ja-iso-2022-jp.txt": ("ja", "iso2022_jp"),
    "ja-euc-jp.txt": ("ja", "euc_jp"),
    "zh-gb18030.txt": ("zh", "gb18030"),
    "zh-big5.txt": ("zh-Hant", "big5"),
    "ko-euc-kr.txt": ("ko", "euc_kr"),
}


def export(sample: str) -> str:
    """The sample as the monitoring service's text export lays it out (its language in the Category line)."""
    language, title, category, body = SAMPLES[sample]
    return (f"{title}\n\nPublished on March 11, 2025\n\nDocument Date: Tue, Mar 11 2025 09:15:00 am\n\n"
            f"Category: ,{language},{category} -\n\nShow on website: Click Here\n\nSources Example Daily\n\n{body}\n")
