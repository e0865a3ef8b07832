package io.orderflow.demo;

import java.math.BigDecimal;
import java.util.List;

/** The demo catalog: twelve products over four categories, with opening stock and reorder points. */
public final class DemoCatalog {

    /** A product of the demo catalog; {@code openingStock} is received once, when the catalog is first loaded. */
    public record Item(
            String sku, String name, String spec, String category, BigDecimal unitPrice, int reorderPoint,
            int openingStock) {
    }

    public static final List<Item> ITEMS = List.of(
            item("APP-TSHIRT-01", "纯棉T恤 Cotton T-shirt", "白色 L", "apparel", "59.00", 40, 400),
            item("APP-DOWN-02", "轻薄羽绒服 Light down jacket", "藏青 M", "apparel", "499.00", 15, 160),
            item("APP-SOCKS-03", "运动袜 Sports socks (5 pairs)", "均码", "apparel", "29.90", 50, 500),
            item("ELE-EARBUD-01", "无线耳机 Wireless earbuds", "BT 5.3", "electronics", "299.00", 20, 220),
            item("ELE-POWER-02", "充电宝 Power bank", "20000mAh", "electronics", "149.00", 25, 300),
            item("ELE-KEYBD-03", "机械键盘 Mechanical keyboard", "87键 红轴", "electronics", "389.00", 10, 120),
            item("HOM-KETTLE-01", "电热水壶 Electric kettle", "1.7L", "home", "129.00", 20, 240),
            item("HOM-TOWEL-02", "浴巾套装 Bath towel set", "3件套", "home", "89.00", 30, 300),
            item("HOM-PILLOW-03", "记忆枕 Memory-foam pillow", "60x40cm", "home", "159.00", 15, 200),
            item("FOO-TEA-01", "西湖龙井 Longjing green tea", "250g", "food", "168.00", 30, 300),
            item("FOO-RICE-02", "五常大米 Wuchang rice", "5kg", "food", "79.90", 40, 450),
            item("FOO-NUTS-03", "每日坚果 Daily mixed nuts", "30袋", "food", "119.00", 30, 350));

    private DemoCatalog() {
    }

    private static Item item(String sku, String name, String spec, String category, String price, int reorderPoint,
            int openingStock) {
        return new Item(sku, name, spec, category, new BigDecimal(price), reorderPoint, openingStock);
    }
}
