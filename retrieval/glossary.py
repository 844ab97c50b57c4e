"""Domain words for tokenizing: what jieba must keep whole, and spellings that mean one thing.

This module is about tokenization only (BM25 terms, the corpus-static vocabulary). The
places, stations and indicators of a data version come from its lexicon (`corpus.lexicon`).

Words are written in their normalised form (NFKC, lower case, simplified), because every
text is normalised before it is tokenized:

>>> "pm2.5" in DOMAIN_WORDS and "黑臭水体" in DOMAIN_WORDS
True
>>> TERM_FOLDS["细颗粒物"]
'pm2.5'
"""

from __future__ import annotations

from corpus.glossary import POLLUTANTS

# The pollutants of `corpus.glossary` with their aliases, and the totals the plans count.
POLLUTANT_WORDS: tuple[str, ...] = (
    *(name.lower() for name in POLLUTANTS),
    *(alias for aliases in POLLUTANTS.values() for alias in aliases),
    "nox", "氮氧化物", "氨氮", "总磷", "总氮", "化学需氧量", "颗粒物",
)  # fmt: skip

# Programme names and terms of art that jieba's general dictionary would cut apart.
TERMS: tuple[str, ...] = (
    "一企一策", "千吨万人", "黑臭水体", "专项资金", "执行率", "渗滤液", "农村生活污水", "生活污水",
    "污水管网", "污水处理厂", "污水处理站", "一体化污水处理站", "自然村", "行政村", "自动监测子站",
    "监测子站", "空气质量", "优良天数", "超低排放", "清洁能源", "燃煤锅炉", "蒸吨", "共性工厂",
    "油气回收", "加油站", "填埋场", "调节池", "警戒线", "三通一平", "散乱污", "河长制", "湖长制",
    "湾长制", "断面长制", "三线一单", "六个100%", "一岗双责", "党政同责", "黄标车", "国六",
    "非道路移动机械", "岸电", "危废", "危险废物", "固废", "固体废物", "飞灰", "秸秆", "降尘量", "海绵城市", "劣v类",
    "生态修复", "生态公益林", "森林覆盖率", "湿地公园", "公园绿地", "饮用水源", "水源地",
    "备用水源", "商品林", "铅蓄电池", "电镀", "餐厨垃圾", "无害化处理", "绿色建筑", "绿色采购",
    "节水型器具", "漏损率", "充电设施", "公电动化", "入河排污口", "入海排污口", "排污口",
    "农膜", "中转站", "中转点", "防护林", "进度滞后", "按进度", "未按进度", "重点考核",
    "约谈", "挂牌督办", "督办", "问责", "区域限批",  # what a notice does to a place (not 「要约」 and 「谈」)
)  # fmt: skip

# Places, stations, indicators and departments come from each data version's lexicon
# (`corpus.lexicon`), added to these by `ChineseTokenizer.for_lexicon`.
DOMAIN_WORDS: tuple[str, ...] = (*POLLUTANT_WORDS, *TERMS)

# Spellings of one thing that should be one term: a chemical formula and its Chinese name.
# Folded on both sides (documents and queries) so that 「细颗粒物」 finds 「PM2.5」; a place's short
# and full names fold the same way, from the lexicon. Values are canonical forms.
TERM_FOLDS: dict[str, str] = {
    "细颗粒物": "pm2.5",
    "可吸入颗粒物": "pm10",
    "二氧化氮": "no2",
    "二氧化硫": "so2",
    "挥发性有机物": "vocs",
    "氮氧化物": "nox",
    "危废": "危险废物",
    "固废": "固体废物",
}

# Function and question words: they say nothing about which passage answers a question.
STOPWORDS: frozenset[str] = frozenset(
    {
        "的", "了", "是", "在", "和", "与", "及", "或", "等", "对", "把", "被", "给", "从", "向", "于", "以", "为", "其", "之", "也", "都",
        "又", "还", "就", "而", "并", "将", "由", "要", "有", "没", "没有", "吗", "呢", "吧", "啊", "呀", "么", "嘛", "哪", "哪些", "哪个", "哪里",
        "哪儿", "什么", "怎么", "怎么样", "怎样", "如何", "多少", "几", "几个", "多大", "多久", "多长", "为什么", "为啥", "啥", "是否", "是不是", "请问", "请",
        "一下", "告诉", "我", "我们", "你", "你们", "他", "她", "它", "他们", "这", "那", "这个", "那个", "这些", "那些", "个", "些", "现在", "目前",
        "了吗", "可以", "能", "能否", "会", "需要", "一些", "有关", "关于", "情况", "方面", "问题", "相关", "这次", "此次", "这回",
    }
)  # fmt: skip
