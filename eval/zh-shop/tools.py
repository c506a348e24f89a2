"""The shop tools of the Chinese shop set, each described in Chinese and in English (parameter names are English
identifiers either way, as real shops send them), and the tool sets the cases draw on."""


def _tool(name, zh, en, params, required):
    """params: {name: (type, zh description, en description, extra schema)}."""
    out = {}
    for lang, desc, index in (("zh", zh, 1), ("en", en, 2)):
        props = {}
        for pname, spec in params.items():
            prop = {"type": spec[0], "description": spec[index]}
            if len(spec) > 3:
                prop.update(spec[3])
            props[pname] = prop
        out[lang] = {
            "name": name,
            "description": desc,
            "parameters": {"type": "object", "properties": props, "required": required},
        }
    return out


ORDER_ID = ("string", "订单号", "The order number")
TOOLS = {
    t["zh"]["name"]: t
    for t in [
        _tool(
            "get_order_status",
            "查询订单的当前状态（已付款、已发货、已签收等）",
            "Get the current status of an order (paid, shipped, delivered, ...)",
            {"order_id": ORDER_ID},
            ["order_id"],
        ),
        _tool(
            "cancel_order",
            "取消一个还没有发货的订单",
            "Cancel an order that has not shipped yet",
            {"order_id": ORDER_ID, "reason": ("string", "取消原因", "Why the customer cancels")},
            ["order_id"],
        ),
        _tool(
            "track_package",
            "根据快递单号查询物流信息",
            "Track a parcel by its carrier tracking number",
            {"tracking_number": ("string", "快递单号", "Carrier tracking number")},
            ["tracking_number"],
        ),
        _tool(
            "search_products",
            "在商城里搜索商品",
            "Search the shop's catalogue",
            {
                "query": ("string", "搜索关键词", "Search keywords"),
                "max_price": ("number", "最高价格（元）", "Maximum price in CNY"),
            },
            ["query"],
        ),
        _tool(
            "add_to_cart",
            "把商品加入购物车",
            "Add a product to the shopping cart",
            {
                "product_id": ("string", "商品编号", "Product ID"),
                "quantity": ("integer", "数量", "How many", {"minimum": 1}),
            },
            ["product_id", "quantity"],
        ),
        _tool(
            "apply_coupon",
            "给订单使用优惠券",
            "Apply a coupon code to an order",
            {"order_id": ORDER_ID, "coupon_code": ("string", "优惠码", "Coupon code")},
            ["order_id", "coupon_code"],
        ),
        _tool(
            "return_item",
            "申请退货",
            "Start a return for items of an order",
            {"order_id": ORDER_ID, "quantity": ("integer", "退货数量", "Number of items to return", {"minimum": 1})},
            ["order_id", "quantity"],
        ),
        _tool(
            "request_refund",
            "申请退款",
            "Request a refund for an order",
            {"order_id": ORDER_ID, "amount": ("number", "退款金额（元）", "Refund amount in CNY")},
            ["order_id", "amount"],
        ),
        _tool(
            "update_address",
            "修改订单的收货地址",
            "Change the delivery address of an order",
            {"order_id": ORDER_ID, "address": ("string", "新的收货地址", "New delivery address")},
            ["order_id", "address"],
        ),
        _tool(
            "schedule_delivery",
            "预约送货的日期和时间",
            "Book a delivery date and time for an order",
            {
                "order_id": ORDER_ID,
                "date": ("string", "送货日期，格式YYYY-MM-DD", "Delivery date, YYYY-MM-DD", {"format": "date"}),
                "time": ("string", "送货时间，例如15:00", "Delivery time of day, e.g. 15:00"),
            },
            ["order_id", "date"],
        ),
        _tool(
            "get_weather",
            "查询城市的天气预报",
            "Weather forecast for a city",
            {
                "city": ("string", "城市名", "City name"),
                "date": ("string", "日期，例如今天、明天", "Day, e.g. today or tomorrow"),
            },
            ["city"],
        ),
        _tool(
            "set_price_alert",
            "商品降价到目标价格时提醒我",
            "Notify the customer when a product's price drops to a target",
            {
                "product_id": ("string", "商品编号", "Product ID"),
                "target_price": ("number", "目标价格（元）", "Target price in CNY"),
            },
            ["product_id", "target_price"],
        ),
    ]
}

SETS = {
    "order": ["get_order_status", "cancel_order", "track_package"],
    "cart": ["search_products", "add_to_cart", "apply_coupon"],
    "after": ["return_item", "request_refund", "update_address"],
    "delivery": ["schedule_delivery", "update_address", "get_weather"],
    "price": ["set_price_alert", "search_products", "add_to_cart"],
    "weather": ["get_weather", "get_order_status"],
}
