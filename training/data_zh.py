"""Chinese phrasing for the synthetic generator (issue 38): values written the way Chinese customers write them, each
with the canonical value it reads as, and a reader of those values that mirrors the TypeScript decoder's
src/lang/zh (numerals.ts, money.ts, quantity.ts and read.ts's number branch), so that a label's span and its value
agree on both sides.

Labels stay spans: an amount "一百二十元" is the span, 120 the value the decoder parses from it. Dates and times are
labelled like English ones (the span text, which the decoder copies or parses under the slot's format).
"""
import hashlib
import re
import unicodedata

# ------------------------------------------------------------------------------------------- reading (mirror of TS)
ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "壹": 1,
    "幺": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "贰": 2,
    "貳": 2,
    "三": 3,
    "叁": 3,
    "參": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "陸": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = [("亿", 10**8), ("億", 10**8), ("万", 10**4), ("萬", 10**4)]
# src/lang/zh/quantity.ts MEASURE_WORDS
MEASURE_WORDS = "个個件瓶双雙盒包箱台只支本张張份套条條袋罐杯斤桶把块片颗粒枚副对對顶頂辆輛间間位名次单單笔筆页頁部组組听聽卷捆串"
ZH_NUMBER_CHARS = "".join(ZH_DIGITS) + "".join(SMALL_UNITS) + "".join(c for c, _ in BIG_UNITS) + "点點0123456789."
_DEC = re.compile(r"^\d+(\.\d+)?$")


def _normalise(text):
    return unicodedata.normalize("NFKC", text).strip()


def _parse_section(text):
    """numerals.ts parseSection: a section under 10,000 ("三千五百零二", "两千五", "十二", "45")."""
    if text == "":
        return 0
    if _DEC.match(text):
        return float(text) if "." in text else int(text)
    total, pending, last_unit, zero_seen, i = 0, None, 0, False, 0
    while i < len(text):
        c = text[i]
        if c in ZH_DIGITS:
            if pending is not None and pending != 0:
                return None
            zero_seen = zero_seen or ZH_DIGITS[c] == 0
            pending = ZH_DIGITS[c]
            i += 1
            continue
        m = re.match(r"\d+(\.\d+)?", text[i:])
        if m:
            if pending is not None and pending != 0:
                return None
            pending = float(m.group()) if "." in m.group() else int(m.group())
            i += len(m.group())
            continue
        unit = SMALL_UNITS.get(c)
        if unit is None or (last_unit and unit >= last_unit):
            return None
        if pending is None and last_unit != 0:
            return None
        total += (1 if pending is None else pending) * unit
        pending, last_unit, zero_seen = None, unit, False
        i += 1
    if pending is not None:
        total += pending * last_unit / 10 if last_unit >= 100 and not zero_seen else pending
    return total


def _parse_integer(text):
    """numerals.ts parseInteger: 万 / 亿 ("一万二" 12000, "1.5万")."""
    for char, value in BIG_UNITS:
        at = text.find(char)
        if at < 0:
            continue
        high, low = text[:at], text[at + 1 :]
        h = 1 if high == "" else _parse_integer(high)
        if h is None:
            return None
        lone = ZH_DIGITS.get(low) if len(low) == 1 else None
        lo = lone * value / 10 if lone else _parse_integer(re.sub(r"^[零〇]", "", low))
        if lo is None or lo >= value:
            return None
        return h * value + lo
    return _parse_section(text)


def _clean_number(x):
    return int(x) if isinstance(x, float) and x.is_integer() else x


def parse_zh_number(raw):
    """numerals.ts parseZhNumber: the number the whole text is, or None."""
    text = re.sub(r"^第", "", _normalise(raw))
    if text == "":
        return None
    sign = 1
    if text[0] in "负負-":
        sign, text = -1, text[1:]
    if _DEC.match(text):
        return _clean_number(sign * float(text))
    if not re.search(r"[\u4e00-\u9fa5〇]", text):
        return None
    if len(text) > 1 and all(c in ZH_DIGITS for c in text):
        return sign * int("".join(str(ZH_DIGITS[c]) for c in text))
    m = re.match(r"^(.*?)[点點](.+)$", text)
    if m:
        whole = 0 if m.group(1) == "" else _parse_integer(m.group(1))
        decimals = [c if c.isdigit() else ZH_DIGITS.get(c) for c in m.group(2)]
        if whole is None or any(d is None for d in decimals):
            return None
        return _clean_number(sign * (whole + float("0." + "".join(str(d) for d in decimals))))
    if text == "半":
        return sign * 0.5
    v = _parse_integer(text)
    return None if v is None else _clean_number(sign * v)


YUAN = "(?:元钱|元整|块钱|元|块|圆|塊)"


def parse_zh_money(raw):
    """money.ts parseZhMoney, for the amounts the generator writes (¥/人民币 before, 元/块/块钱 after, "3块5")."""
    text = re.sub(r"\s+", "", _normalise(raw))
    marked = False
    m = re.match(r"^(?:¥|人民币|RMB|CNY)", text, re.I)
    if m:
        text, marked = text[m.end() :], True
    m = re.search(YUAN + "?人民币$", text)
    if m:
        text, marked = text[: m.start()], True

    def amount(t):
        n = parse_zh_number(re.sub(r",(?=\d{3}(?!\d))", "", t))
        return n if n is not None and n >= 0 else None

    suffixed = re.search(YUAN + "$", text) is not None
    plain = amount(re.sub(YUAN + "$", "", text))
    if plain is not None and (marked or suffixed):
        return plain
    m = re.match(r"^(.+?)" + YUAN + r"(\d|[" + "".join(ZH_DIGITS) + r"])$", text)  # "3块5": 5 jiao
    if m:
        yuan, jiao = amount(m.group(1)), amount(m.group(2))
        if yuan is not None and jiao is not None and jiao < 10:
            return _clean_number(round(yuan + jiao / 10, 2))
    return None


def parse_zh_quantity(raw):
    """quantity.ts parseZhQuantity: "五件", "两瓶洗发水", "3个" -> the count."""
    m = re.match(
        r"^([" + re.escape(ZH_NUMBER_CHARS) + r"]+?)\s*([" + MEASURE_WORDS + r"])[\u4e00-\u9fff]*$", _normalise(raw)
    )
    if not m:
        return None
    n = parse_zh_number(m.group(1))
    return None if n is None or n < 0 else n


def read_number(text):
    """The number a span reads as in an integer or number slot, as the decoder reads it: Chinese numerals, money,
    quantities (read.ts), else digits with a currency sign ("¥99", "$12", "1,299")."""
    t = _normalise(text)
    for parse in (parse_zh_number, parse_zh_money, parse_zh_quantity):
        v = parse(t)
        if v is not None:
            return v
    m = re.match(r"^[$¥]?(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?$", t)
    return _clean_number(float(m.group(1).replace(",", "") + (m.group(2) or ""))) if m else None


# --------------------------------------------------------------------------------------------------- writing
class ZhValue(str):
    """A value's text as written in Chinese, carrying the canonical value it reads as (`Conv.add` records it)."""

    def __new__(cls, text, value):
        s = super().__new__(cls, text)
        s.value = value
        return s

    def __reduce__(self):  # pickled whole (stream.py's worker processes)
        return ZhValue, (str(self), self.value)


_CN = "零一二三四五六七八九"


def _section(n, liang, lead):
    """A section under 10,000 in standard form; lead: the number's first section ("十二", not "一十二")."""
    out, zero = "", False
    for unit, ch in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if d == 1 and unit == 10 and lead and not out:
            out += "十"
            continue
        out += ("两" if d == 2 and unit >= 100 and liang else _CN[d]) + ch
    return out


def numeral(n, liang=True, colloquial=False):
    """A non-negative integer below 10^8 as a Chinese numeral: 120 -> 一百二十, 12 -> 十二, 105 -> 一百零五, 10010 ->
    一万零一十; colloquial drops the last unit where one digit follows a unit (2500 -> 两千五, 12000 -> 一万二)."""
    if n == 0:
        return "零"
    if n >= 10**4:
        high, low = divmod(n, 10**4)
        text = ("两" if high == 2 and liang else _section(high, liang, True)) + "万"
        if colloquial and low and low % 1000 == 0:
            return text + _CN[low // 1000]
        if low:
            text += ("零" if low < 1000 else "") + _section(low, liang, False)
        return text
    text = _section(n, liang, True)
    if colloquial:
        for unit, ch, nxt in ((1000, "千", 100), (100, "百", 10)):
            if n >= unit and (n // unit) % 10 and (n // nxt) % 10 and n % unit == (n // nxt) % 10 * nxt:
                return text[:-1] if text.endswith(("百", "十")) else text
    return text


def _split(s, mod=5):
    """The split of a word of the Chinese lexicons ("test" for 1 in mod, else "train"; validation shares training's)."""
    return "test" if int(hashlib.md5(s.encode()).hexdigest()[:8], 16) % mod == 0 else "train"


def split_words(words, split):
    ok = [w for w in words if _split(w) == ("test" if split == "test" else "train")]
    return ok or list(words)


MEASURES = ["件", "个", "瓶", "双", "盒", "包", "箱", "本", "张", "份", "套", "条", "袋", "杯", "支", "台"]


def zh_integer(rng, quantity=False):
    """An integer as a Chinese customer writes it: "12", "十二", "一百二十", "五件", "两瓶", "3个"."""
    n = rng.choice([rng.randint(1, 12), rng.randint(1, 12), rng.randint(1, 100), rng.randint(100, 20000)])
    r = rng.random()
    if quantity and n <= 100 and r < 0.6:
        m = rng.choice(MEASURES)
        count = str(n) if rng.random() < 0.3 else "两" if n == 2 else numeral(n)  # 两瓶, not 二瓶
        return ZhValue(count + m, n)
    if r < 0.45:
        return ZhValue(numeral(n, liang=rng.random() < 0.7, colloquial=rng.random() < 0.3), n)
    if r > 0.9 and n <= 100:  # a count of anything: "3个", "十二个"
        return ZhValue((str(n) if rng.random() < 0.5 else "两" if n == 2 else numeral(n)) + "个", n)
    return ZhValue(str(n), n)


def zh_amount(rng, money=False):
    """A number; money: an amount of yuan ("一百二十元", "¥99", "99块", "3块5", "199.5元")."""
    n = rng.choice([rng.randint(1, 100), rng.randint(10, 999), rng.randint(100, 20000)])
    if money:
        r = rng.random()
        if r < 0.15:
            y, j = rng.randint(1, 20), rng.randint(1, 9)
            return ZhValue(
                f"{y if rng.random() < 0.5 else numeral(y)}块{j if rng.random() < 0.5 else _CN[j]}", y + j / 10
            )
        if r < 0.25:
            v = round(n + rng.randint(1, 99) / 100, 2)
            return ZhValue(rng.choice([f"¥{v:.2f}", f"{v:.2f}元"]), v)
        text = rng.choice(
            [
                f"¥{n}",
                f"￥{n}",
                f"{n}元",
                f"{n}块",
                f"{n}块钱",
                f"{numeral(n, colloquial=rng.random() < 0.3)}元",
                f"{numeral(n)}块",
                f"{numeral(n)}块钱",
                f"人民币{n}元",
            ]
        )
        return ZhValue(text, n)
    r = rng.random()
    if r < 0.3:
        whole, d = rng.randint(0, 99), rng.randint(1, 9)
        return ZhValue(f"{numeral(whole)}点{_CN[d]}", whole + d / 10)
    if r < 0.6:
        v = round(rng.randint(1, 999) + rng.randint(1, 99) / 100, 2)
        return ZhValue(f"{v}", v)
    if r < 0.8:
        return ZhValue(numeral(n, colloquial=rng.random() < 0.3), n)
    return ZhValue(str(n), n)


def zh_date(rng):
    """A date as written in Chinese ("12月8日", "2026年12月8日", "明天", "下周一"): labelled as the span, like English."""
    y, m, d = rng.randint(2024, 2030), rng.randint(1, 12), rng.randint(1, 28)
    week = rng.choice("一二三四五六日")
    return rng.choice(
        [
            f"{m}月{d}日",
            f"{m}月{d}号",
            f"{y}年{m}月{d}日",
            f"{y}年{m}月{d}号",
            f"{numeral(m)}月{numeral(d)}日",
            f"{numeral(m)}月{numeral(d)}号",
            f"{''.join(_CN[int(c)] for c in str(y)).replace('零', '〇')}年{numeral(m)}月{numeral(d)}日",
            f"{y}/{m}/{d}",
            f"{d}号",
            rng.choice(["今天", "明天", "后天", "大后天"]),
            f"{rng.choice(['下', '这', '', '下下'])}{rng.choice(['周', '星期', '礼拜'])}{week}".replace("礼拜日", "礼拜天"),
            f"下个月{d}号",
        ]
    )


def zh_time(rng):
    """A time of day ("下午三点", "三点半", "上午10点20分", "15:30"): labelled as the span, like English."""
    h = rng.randint(1, 11)
    hh = str(h) if rng.random() < 0.35 else "两" if h == 2 else numeral(h)  # 两点, not 二点
    period = rng.choice(["", "上午", "下午", "晚上", "早上", "中午" if h < 2 else "下午", "凌晨" if h < 6 else "上午"])
    minute = rng.choice(["", "", "半", "一刻", f"{rng.randint(10, 59)}分", "整"])
    r = rng.random()
    if r < 0.15:
        return f"{rng.randint(0, 23)}:{rng.choice([0, 15, 30, 45, rng.randint(0, 59)]):02d}"
    if r < 0.2:
        return "中午十二点"
    return f"{period}{hh}点{minute}"


# ------------------------------------------------------------------------------------------------- lexicons
ZH_CITIES = [
    "北京",
    "上海",
    "广州",
    "深圳",
    "杭州",
    "成都",
    "重庆",
    "武汉",
    "西安",
    "南京",
    "苏州",
    "天津",
    "长沙",
    "郑州",
    "青岛",
    "厦门",
    "昆明",
    "大连",
    "沈阳",
    "哈尔滨",
    "济南",
    "合肥",
    "福州",
    "南宁",
    "贵阳",
    "兰州",
    "太原",
    "石家庄",
    "宁波",
    "无锡",
    "珠海",
    "佛山",
    "东莞",
    "三亚",
    "拉萨",
    "乌鲁木齐",
    "呼和浩特",
    "南昌",
    "温州",
    "洛阳",
    "桂林",
    "香港",
    "台北",
    "澳门",
]
ZH_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
ZH_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红峰建文辉力海燕宁欣怡晨浩宇子涵雨轩梓萱思远佳琪俊"
ZH_PRODUCTS = [
    "运动鞋",
    "雨衣",
    "笔记本支架",
    "无线耳机",
    "咖啡杯",
    "台灯",
    "双肩包",
    "手机充电器",
    "智能手表",
    "榨汁机",
    "瑜伽垫",
    "保温杯",
    "太阳镜",
    "蓝牙音箱",
    "雪地靴",
    "游戏鼠标",
    "办公椅",
    "羊毛围巾",
    "帐篷",
    "电水壶",
    "洗发水",
    "牙刷",
    "床单",
    "口红",
    "机械键盘",
]
ZH_ADJ = ["红色", "黑色", "防水", "便宜的", "真皮", "儿童", "复古", "蓝色", "轻便", "大号", "纯棉", "不锈钢", "折叠", "白色", "男士", "女士"]
ZH_TEXTS = [
    "买错了",
    "不想要了",
    "价格太贵",
    "发货太慢",
    "质量很好",
    "颜色和图片不一样",
    "尺码偏小",
    "包装破了",
    "很满意推荐购买",
    "一直没收到货",
    "想换个颜色",
    "物流信息一直不更新",
    "发票抬头写错了",
    "重复下单了",
]
ZH_STREETS = ["中山路", "人民路", "解放路", "建设路", "和平路", "长安街", "南京路", "滨江大道", "学院路", "科技园路"]
CURRENCY_ZH = {"USD": "美元", "EUR": "欧元", "GBP": "英镑", "JPY": "日元", "CHF": "瑞士法郎", "CAD": "加元"}


def zh_person(rng, split):
    s = rng.choice(split_words(list(ZH_SURNAMES), split))
    return s + "".join(rng.choice(ZH_GIVEN) for _ in range(rng.choice([1, 2, 2])))
