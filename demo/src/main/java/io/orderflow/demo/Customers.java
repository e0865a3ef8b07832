package io.orderflow.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A pool of forty made-up customers: thirty people and ten businesses (distributors, shops). A few regulars take
 * a large share of the orders, so repeat buyers and customer classes show on the dashboard. Contacts, phones and
 * addresses are invented, yet treated as personal data all the same: they go to the gateway and nowhere else.
 */
public final class Customers {

    /** One customer; {@link #toString} shows the id only. */
    public record Customer(String id, String name, String contactName, String phone, String address, boolean business) {
        @Override
        public String toString() {
            return "Customer[id=" + id + "]";
        }
    }

    private static final String[] PEOPLE = {
        "张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周杰", "吴婷",
        "徐明", "孙丽", "马超", "朱琳", "胡军", "郭颖", "何平", "林峰", "高欣", "罗斌",
        "Emily Chen", "David Wang", "Sophie Li", "Michael Zhang", "Anna Liu",
        "James Huang", "Grace Zhou", "Kevin Wu", "Lucy Xu", "Tom Sun"};
    private static final String[] BUSINESSES = {
        "华东商贸有限公司", "深圳优选电子商行", "北京百货批发中心", "杭州茶叶经销部", "成都家居连锁",
        "Golden Harbor Trading Co.", "广州服饰分销商", "Silk Road Retail Ltd.", "南京生活超市", "Pearl River Distributors"};
    private static final String[] CITIES = {"上海市浦东新区", "北京市朝阳区", "深圳市南山区", "杭州市西湖区", "成都市武侯区",
        "广州市天河区", "南京市鼓楼区", "武汉市洪山区"};

    private final List<Customer> people;
    private final List<Customer> businesses;

    public Customers() {
        List<Customer> p = new ArrayList<>();
        for (int i = 0; i < PEOPLE.length; i++) {
            p.add(new Customer(String.format("C%03d", i + 1), PEOPLE[i], PEOPLE[i], phone(i),
                    CITIES[i % CITIES.length] + (100 + i) + "号", false));
        }
        List<Customer> b = new ArrayList<>();
        for (int i = 0; i < BUSINESSES.length; i++) {
            b.add(new Customer(String.format("B%03d", i + 1), BUSINESSES[i], PEOPLE[(i * 7) % PEOPLE.length] + " (采购)",
                    phone(100 + i), CITIES[(i + 3) % CITIES.length] + "工业园" + (10 + i) + "栋", true));
        }
        this.people = List.copyOf(p);
        this.businesses = List.copyOf(b);
    }

    public int size() {
        return people.size() + businesses.size();
    }

    /** A person; the first eight are regulars and get about half of all orders. */
    public Customer person(Random random) {
        return random.nextInt(100) < 50 ? people.get(random.nextInt(8)) : people.get(random.nextInt(people.size()));
    }

    /** A business; the first three are big accounts with most of the trade. */
    public Customer business(Random random) {
        return random.nextInt(100) < 60 ? businesses.get(random.nextInt(3)) : businesses.get(random.nextInt(businesses.size()));
    }

    private static String phone(int i) {
        return String.format("1380013%04d", 1000 + i * 37);
    }
}
