"""The heavy frame a municipal CMS draws around a page's tables, for the frame-heavy variant.

Japanese city sites are built from a handful of CMS templates, and an inner
page of one carries far more frame than content: a ``<head>`` of metadata,
stylesheets, analytics and JSON-LD; a header with the logo, a search form,
language links and an accessibility toolbar (文字サイズ, 背景色); a mega-menu
of every category (くらし・手続き, 子育て・教育, 市政情報 …) with a hundred
to over four hundred links; breadcrumbs; after the content an update date,
the attachments with the Adobe Reader notice, the department to ask
(このページに関するお問い合わせ), a feedback form; a side column of the
other years' pages and news (after the content, or before it as a left
column); and a footer of address, opening hours, links and banners.

Everything here is what such pages show, dates and department names
included; nothing is placed to mislead a parser. Every character encodes in
Windows-31J (Korean language links are character references, as Shift_JIS
sites write them). The frame's size is drawn between 15 and 40 KB.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from frame_words import BANNERS, CATEGORIES, DEPARTMENTS, INLINE_SCRIPT, LEAF_FORMS, NEWS

# Encoded bytes of the whole frame; pages add it to their own size.
MIN_FRAME_BYTES = 15_000
MAX_FRAME_BYTES = 40_000


@dataclass(frozen=True)
class Chrome:
    """The frame's markup, in the places a page template puts it."""

    head: str
    # From <body> to where the page's content begins: toolbar, header, menu, breadcrumbs.
    top: str
    # After the content, inside its column: update date, attachments, inquiry, feedback.
    content_end: str
    # The side column, the footer and the scripts loaded at the end of <body>.
    bottom: str

    def markup(self) -> str:
        return self.head + self.top + self.content_end + self.bottom


def _head(rng: random.Random, city: str, title: str, site: str, tag: str) -> str:
    path = f"/soshiki/{rng.randint(1, 40)}/{rng.randint(1000, 99999)}.html"
    styles = "".join(
        f'<link rel="stylesheet" href="/css/{name}.css?v={rng.randint(100, 999)}" '
        f'media="{media}">\n'
        for name, media in (
            ("reset", "all"),
            ("common", "all"),
            ("layout", "all"),
            ("content", "all"),
            ("menu", "screen"),
            ("smartphone", "screen and (max-width: 767px)"),
            ("print", "print"),
        )
        if name in ("common", "print") or rng.random() < 0.8
    )
    scripts = "".join(
        f'<script src="/js/{name}.js"></script>\n'
        for name in ("jquery-3.6.0.min", "jquery.cookie", "common", "menu", "fontsize")
        if name == "jquery-3.6.0.min" or rng.random() < 0.75
    )
    crumbs = ",".join(
        f'{{"@type":"ListItem","position":{n},"name":"{name}","item":"{site}{link}"}}'
        for n, (name, link) in enumerate(
            (("ホーム", "/"), ("市政情報", "/shisei/"), ("計画・行政評価", "/shisei/keikaku/")),
            start=1,
        )
    )
    return (
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="format-detection" content="telephone=no">\n'
        f'<meta name="description" content="{city}の行政評価（外部評価）に関するページです。">\n'
        f'<meta name="keywords" content="{city},行政評価,外部評価,事務事業評価,行政改革">\n'
        f'<meta property="og:title" content="{title}">\n'
        '<meta property="og:type" content="article">\n'
        f'<meta property="og:url" content="{site}{path}">\n'
        f'<meta property="og:image" content="{site}/img/ogp.png">\n'
        f'<meta property="og:site_name" content="{city}">\n'
        '<meta name="twitter:card" content="summary_large_image">\n'
        f'<link rel="canonical" href="{site}{path}">\n'
        '<link rel="icon" href="/favicon.ico">\n'
        '<link rel="apple-touch-icon" href="/img/apple-touch-icon.png">\n'
        f"{styles}"
        f'<script async src="https://www.googletagmanager.com/gtag/js?id={tag}"></script>\n'
        "<script>\n  window.dataLayer = window.dataLayer || [];\n"
        "  function gtag(){dataLayer.push(arguments);}\n  gtag('js', new Date());\n"
        f"  gtag('config', '{tag}');\n</script>\n"
        f"{scripts}"
        '<script type="application/ld+json">\n'
        f'{{"@context":"https://schema.org","@type":"BreadcrumbList","itemListElement":[{crumbs}]}}\n'
        "</script>\n" + INLINE_SCRIPT.format(menu=rng.choice(("megamenu", "gnav-sub", "dropdown")))
    )


def _toolbar(rng: random.Random) -> str:
    colours = (
        '<dl id="bgcolor"><dt>背景色</dt>'
        '<dd><a href="#" data-color="white">白</a></dd>'
        '<dd><a href="#" data-color="black">黒</a></dd>'
        '<dd><a href="#" data-color="blue">青</a></dd></dl>\n'
        if rng.random() < 0.6
        else ""
    )
    return (
        '<div id="toolbar">\n<dl id="fontsize"><dt>文字サイズ</dt>'
        '<dd><a href="#" data-size="normal">標準</a></dd>'
        '<dd><a href="#" data-size="large">拡大</a></dd></dl>\n'
        f"{colours}"
        '<ul id="lang"><li><a href="/foreign/en/" lang="en">English</a></li>'
        '<li><a href="/foreign/zh/" lang="zh">中文</a></li>'
        '<li><a href="/foreign/ko/" lang="ko">&#54620;&#44397;&#50612;</a></li>'
        '<li><a href="/furigana/">ふりがな</a></li><li><a href="/yomiage/">読み上げ</a></li></ul>\n'
        "</div>\n"
    )


def _menu(rng: random.Random, links: int) -> str:
    """The mega-menu: every category, its sections and their pages, about ``links`` links."""
    sections = sum(len(subs) for _, _, subs in CATEGORIES)
    per_section = max(1, links // sections)
    parts = ['<nav id="gnav-area" aria-label="メインメニュー">\n<ul id="gnav">\n']
    for slug, name, subs in CATEGORIES:
        parts.append(
            f'<li class="gnav-{slug}"><a href="/{slug}/">{name}</a>\n<div class="megamenu">\n'
            f'<p class="megamenu-title"><a href="/{slug}/">{name}トップ</a></p>\n<ul>\n'
        )
        for number, sub in enumerate(subs, start=1):
            leaves = "".join(
                f'<li><a href="/{slug}/{number}/{leaf}.html">{form.format(sub)}</a></li>'
                for leaf, form in enumerate(rng.sample(LEAF_FORMS, min(per_section, 8)))
            )
            parts.append(
                f'<li><a href="/{slug}/{number}/">{sub}</a>\n<ul class="sub">{leaves}</ul>\n</li>\n'
            )
        parts.append("</ul>\n</div>\n</li>\n")
    parts.append("</ul>\n</nav>\n")
    return "".join(parts)


def _header(rng: random.Random, city: str, links: int) -> str:
    return (
        '<noscript><iframe src="https://www.googletagmanager.com/ns.html" height="0" width="0" '
        'style="display:none;visibility:hidden"></iframe></noscript>\n'
        '<div id="wrapper">\n<ul class="skip"><li><a href="#article">本文へ移動</a></li>'
        '<li><a href="#gnav">メニューへ移動</a></li></ul>\n'
        '<header id="header">\n<div class="inner">\n'
        f'<p id="logo"><a href="/"><img src="/img/logo.png" alt="{city}" width="260" height="60">'
        "</a></p>\n"
        + _toolbar(rng)
        + '<form id="search" action="https://www.google.co.jp/search" method="get" role="search">\n'
        '<label for="q" class="hide">サイト内検索</label>'
        '<input type="text" id="q" name="q" placeholder="キーワードを入力" size="20">'
        '<input type="hidden" name="ie" value="UTF-8"><input type="hidden" name="sitesearch" '
        'value="www.city.example.lg.jp"><input type="submit" value="検索"></form>\n'
        '<button id="sp-menu-btn" aria-expanded="false">メニュー</button>\n'
        "</div>\n</header>\n" + _menu(rng, links)
    )


def _breadcrumbs(heading: str) -> str:
    trail = "".join(
        f'<li><a href="{link}">{name}</a></li>'
        for name, link in (
            ("ホーム", "/"),
            ("市政情報", "/shisei/"),
            ("計画・行政評価", "/shisei/keikaku/"),
            ("行政評価", "/shisei/keikaku/hyoka/"),
            ("外部評価", "/shisei/keikaku/hyoka/gaibu/"),
        )
    )
    return (
        f'<nav id="breadcrumbs" aria-label="現在位置"><ol>{trail}<li>{heading}</li></ol></nav>\n'
        '<div id="contents">\n'
    )


def _date(year: int, month: int, day: int, rng: random.Random) -> str:
    if rng.random() < 0.3:
        return f"令和{year - 2018}年{month}月{day}日"
    return f"{year}年{month}月{day}日"


def _content_end(rng: random.Random, year: int, department: tuple[str, str, str]) -> str:
    """What follows the content in its column: update date, files, inquiry, feedback."""
    published = year + 1
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    bureau, division, section = department
    files = "".join(
        f'<li><a href="/material/files/group/{rng.randint(1, 60)}/{name}.pdf">'
        f"{label}（PDF：{rng.randint(80, 900)}KB）</a></li>"
        for name, label in (
            ("taioujoukyou", "外部評価実施後の対応状況表"),
            ("hyoukasho", "外部評価結果報告書"),
            ("gaiyou", "外部評価の概要"),
        )
        if rng.random() < 0.7
    )
    feedback = (
        '<form id="feedback" action="/cgi-bin/enquete.cgi" method="post">\n'
        "<h2>このページに関するアンケート</h2>\n"
        "<fieldset><legend>このページの内容は分かりやすかったですか？</legend>"
        '<label><input type="radio" name="q1" value="1">分かりやすかった</label>'
        '<label><input type="radio" name="q1" value="2">普通</label>'
        '<label><input type="radio" name="q1" value="3">分かりにくかった</label></fieldset>\n'
        "<fieldset><legend>このページは見つけやすかったですか？</legend>"
        '<label><input type="radio" name="q2" value="1">見つけやすかった</label>'
        '<label><input type="radio" name="q2" value="2">普通</label>'
        '<label><input type="radio" name="q2" value="3">見つけにくかった</label></fieldset>\n'
        '<input type="hidden" name="page_id" value="' + str(rng.randint(1000, 99999)) + '">'
        '<input type="submit" value="送信"></form>\n'
        if rng.random() < 0.6
        else ""
    )
    share = (
        '<ul class="sns"><li><a href="https://twitter.com/share" class="twitter-share-button">'
        'ポスト</a></li><li><div class="fb-like" data-layout="button"></div></li>'
        '<li><a href="https://social-plugins.line.me/lineit/share">LINEで送る</a></li></ul>\n'
        if rng.random() < 0.5
        else ""
    )
    return (
        f'<p class="update">更新日：{_date(published, month, day, rng)}</p>\n'
        f"{share}"
        + (f'<div class="files"><h2>関連ファイル</h2><ul>{files}</ul></div>\n' if files else "")
        + '<div class="pdf-notice"><p><a href="https://get.adobe.com/jp/reader/">'
        '<img src="/img/get_adobe_reader.png" alt="Adobe Acrobat Reader DCのダウンロードへ" '
        'width="158" height="39"></a></p><p>PDF形式のファイルをご覧いただく場合には、'
        "Adobe社が提供するAdobe Acrobat Reader DCが必要です。"
        "Adobe Acrobat Reader DCをお持ちでない方は、"
        "バナーのリンク先から無料ダウンロードしてください。"
        "</p></div>\n"
        '<div id="inquiry">\n<h2>このページに関するお問い合わせ</h2>\n'
        f"<p>{bureau}　{division}　{section}<br>\n"
        f"〒399-0101 市役所本庁舎{rng.randint(2, 6)}階<br>\n"
        f"電話番号：0263-12-{rng.randint(3000, 3999)}"
        f"　ファクス番号：0263-12-{rng.randint(4000, 4999)}<br>\n"
        f'<a href="/form/inquiry.html?id={rng.randint(10, 99)}">メールでのお問い合わせはこちら'
        "</a></p>\n</div>\n"
        f"{feedback}"
    )


def _sidebar(rng: random.Random, year: int, city: str) -> str:
    others = "".join(
        f'<li><a href="/shisei/keikaku/hyoka/gaibu/r{other - 2018}.html">'
        f"令和{other - 2018}年度 外部評価実施後の対応状況表</a></li>"
        for other in range(max(2019, year - 3), year + 2)
        if other != year
    )
    related = (
        '<div class="side-box"><h2>このカテゴリー内の他のページ</h2><ul>'
        '<li><a href="/shisei/keikaku/hyoka/">行政評価について</a></li>'
        '<li><a href="/shisei/keikaku/hyoka/gaibu/iin.html">外部評価委員名簿</a></li>'
        '<li><a href="/shisei/keikaku/hyoka/gaibu/kaigi.html">外部評価委員会の会議録</a></li>'
        f"{others}</ul></div>\n"
    )
    news = ""
    if rng.random() < 0.4:
        items = "".join(
            f'<li><span class="date">{_date(year + 1, month, rng.randint(1, 28), rng)}</span>'
            f'<a href="/news/{rng.randint(1000, 9999)}.html">'
            f"{rng.choice(NEWS).format(year=year + 2, city=city, month=month)}</a></li>"
            for month in sorted(rng.sample(range(1, 13), 5), reverse=True)
        )
        news = f'<div class="side-box"><h2>新着情報</h2><ul class="news">{items}</ul></div>\n'
    return f'<aside id="side">\n{related}{news}</aside>\n'


def _footer(rng: random.Random, city: str, sitemap_links: int) -> str:
    banners = "".join(
        f'<li><a href="/banner/{n}.html"><img src="/img/banner/{n}.png" alt="{name}" width="180" '
        'height="50"></a></li>'
        for n, name in enumerate(rng.sample(BANNERS, rng.randint(6, len(BANNERS))))
    )
    sitemap = "".join(
        f'<li><a href="/{slug}/{number}/">{sub}</a></li>'
        for slug, _, subs in CATEGORIES
        for number, sub in enumerate(subs, start=1)
    )
    repeats = max(1, sitemap_links // 56)
    return (
        '<p class="pagetop"><a href="#wrapper">ページの先頭へ</a></p>\n'
        f'<div id="banner"><ul>{banners}</ul></div>\n'
        + "".join(f'<nav class="footer-sitemap"><ul>{sitemap}</ul></nav>\n' for _ in range(repeats))
        + '<footer id="footer">\n<ul class="footer-links">'
        '<li><a href="/sitemap.html">サイトマップ</a></li>'
        '<li><a href="/privacy.html">個人情報の取り扱い</a></li>'
        '<li><a href="/accessibility.html">ウェブアクセシビリティ方針</a></li>'
        '<li><a href="/link.html">リンク集</a></li><li><a href="/disclaimer.html">免責事項</a></li>'
        '<li><a href="/copyright.html">著作権について</a></li></ul>\n'
        f'<div class="address"><p class="name">{city}役所</p>\n'
        f"<p>〒399-0101 長野県{city}中央1丁目2番3号　電話番号：0263-12-3456（代表）"
        f"　法人番号：{rng.randint(10**12, 10**13 - 1)}</p>\n"
        "<p>開庁時間：月曜日から金曜日の午前8時30分から午後5時15分まで"
        "（祝日・休日、12月29日から1月3日を除く）</p>\n"
        '<p><a href="/access.html">庁舎へのアクセス</a>　<a href="/soshiki/">組織から探す</a></p>\n'
        f'</div>\n<p class="copyright">Copyright &copy; {city} All Rights Reserved.</p>\n'
        "</footer>\n</div>\n"
        '<script src="/js/analytics.js"></script>\n'
    )


def document(charset_meta: str, title: str, chrome: Chrome, main: str) -> str:
    """A whole page: the page's charset and title, the frame around ``main``."""
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n'
        f"{charset_meta}\n<title>{title}</title>\n{chrome.head}</head>\n"
        f'<body class="page-article">\n{chrome.top}<div id="article">\n{main}'
        f"{chrome.content_end}</div>\n{chrome.bottom}</body>\n</html>\n"
    )


def chrome(
    rng: random.Random, city: str, *, title: str, heading: str, year: int, encoding: str
) -> Chrome:
    """A frame of a drawn size, between ``MIN_FRAME_BYTES`` and ``MAX_FRAME_BYTES``."""
    target = rng.uniform(MIN_FRAME_BYTES, MAX_FRAME_BYTES)
    site = f"https://www.city.{rng.choice(('minato', 'sakura', 'kawano', 'midori'))}.lg.jp"
    tag = f"G-{rng.randint(10**9, 10**10 - 1)}"
    department = rng.choice(DEPARTMENTS)
    head = _head(rng, city, title, site, tag)
    content_end = _content_end(rng, year, department)
    side = _sidebar(rng, year, city)
    links = rng.randint(60, 160)
    # Some templates put the side column first (a left column): before the content in the source.
    before, after = (side, "") if rng.random() < 0.3 else ("", side)
    sitemap_links = 0
    while True:
        made = Chrome(
            head=head,
            top=_header(random.Random(links), city, links) + _breadcrumbs(heading) + before,
            content_end=content_end,
            bottom="</div>\n" + after + _footer(random.Random(links), city, sitemap_links),
        )
        size = len(made.markup().encode(encoding))
        if size >= target or size >= MAX_FRAME_BYTES - 4_000:
            return made
        # The menu grows to its largest templates first, then the footer's sitemap repeats.
        if links < 400:
            links += 40
        else:
            sitemap_links += 56
