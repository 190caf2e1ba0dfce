/// The fixed vocabulary of the demo: the app, its devices, pages, products, searches and campaigns.
///
/// Kept apart from the traffic model so the shapes of the generated events can be checked against
/// real Amplify/Pinpoint output in one place. Japanese and emoji appear on purpose: the monitor has
/// to measure and truncate wide characters correctly, and the demo is where people first see it.
enum DemoCatalog {
    static let appId = "6b3f0c9e5a2d4e71b8c4d2a9f1e07c35"
    static let region = "ap-northeast-1"
    static let identityPoolId = "ap-northeast-1:2c7e5b0a-91d4-4f3e-a6b8-5d0c1e9f7a42"
    static let awsAccountId = "123456789012"
    static let siteOrigin = "https://shop.example.com"

    enum Platform: Sendable {
        case web, iOS, android
    }

    /// One kind of device with what Amplify reports for it.
    struct DeviceProfile: Sendable {
        var platform: Platform
        var make: String
        var model: String
        var modelVersion: String
        var platformName: String
        var platformVersion: String?
        /// `application.version_name` on the web (browser/version), the app version on mobile.
        var appVersion: String
        var weight: Double
    }

    static let devices: [DeviceProfile] = [
        // Amplify JS reports `navigator.product` as make, which is "Gecko" in every modern browser.
        DeviceProfile(platform: .web, make: "Gecko", model: "Chrome", modelVersion: "124.0.6367.91",
                      platformName: "macintel", platformVersion: nil, appVersion: "Chrome/124.0.6367.91", weight: 14),
        DeviceProfile(platform: .web, make: "Gecko", model: "Chrome", modelVersion: "124.0.6367.91",
                      platformName: "win32", platformVersion: nil, appVersion: "Chrome/124.0.6367.91", weight: 16),
        DeviceProfile(platform: .web, make: "Gecko", model: "Chrome", modelVersion: "123.0.6312.122",
                      platformName: "linux x86_64", platformVersion: nil, appVersion: "Chrome/123.0.6312.122", weight: 3),
        DeviceProfile(platform: .web, make: "Gecko", model: "Firefox", modelVersion: "125.0",
                      platformName: "win32", platformVersion: nil, appVersion: "Firefox/125.0", weight: 5),
        DeviceProfile(platform: .web, make: "Gecko", model: "Firefox", modelVersion: "125.0",
                      platformName: "linux x86_64", platformVersion: nil, appVersion: "Firefox/125.0", weight: 2),
        DeviceProfile(platform: .web, make: "WebKit", model: "Safari", modelVersion: "17.4.1",
                      platformName: "macintel", platformVersion: nil, appVersion: "Safari/17.4.1", weight: 10),
        DeviceProfile(platform: .iOS, make: "Apple", model: "iPhone", modelVersion: "iPhone15,2",
                      platformName: "iOS", platformVersion: "17.4.1", appVersion: "4.12.0", weight: 18),
        DeviceProfile(platform: .iOS, make: "Apple", model: "iPhone", modelVersion: "iPhone14,5",
                      platformName: "iOS", platformVersion: "16.7.7", appVersion: "4.11.2", weight: 7),
        DeviceProfile(platform: .android, make: "samsung", model: "SM-G991B", modelVersion: "SM-G991B",
                      platformName: "Android", platformVersion: "14", appVersion: "4.12.0", weight: 14),
        DeviceProfile(platform: .android, make: "Google", model: "Pixel 8", modelVersion: "Pixel 8",
                      platformName: "Android", platformVersion: "14", appVersion: "4.12.0", weight: 11),
    ]

    static let mobilePackageName = "com.example.kinescope.shop"
    static let mobileTitle = "Kinescope Shop"

    static func versionCode(_ appVersion: String) -> String {
        appVersion == "4.12.0" ? "412" : "411"
    }

    static let iOSSDK = (name: "aws-sdk-iOS", version: "2.36.7")
    static let androidSDK = (name: "aws-sdk-android", version: "2.76.0")

    /// A user locale and the contact details that go with it.
    struct UserLocale: Sendable {
        var code: String
        var country: String
        var language: String
        var timezone: String
        var dialPrefix: String
        /// Digits after `dialPrefix` in a local mobile number.
        var subscriberDigits: Int
        var currency: String
        var weight: Double
    }

    static let locales: [UserLocale] = [
        UserLocale(code: "en_US", country: "US", language: "en", timezone: "America/Los_Angeles",
               dialPrefix: "+1206555", subscriberDigits: 4, currency: "USD", weight: 40),
        UserLocale(code: "ja_JP", country: "JP", language: "ja", timezone: "Asia/Tokyo",
               dialPrefix: "+8190", subscriberDigits: 8, currency: "JPY", weight: 28),
        UserLocale(code: "en_GB", country: "GB", language: "en", timezone: "Europe/London",
               dialPrefix: "+447700", subscriberDigits: 6, currency: "GBP", weight: 8),
        UserLocale(code: "de_DE", country: "DE", language: "de", timezone: "Europe/Berlin",
               dialPrefix: "+49151", subscriberDigits: 8, currency: "EUR", weight: 8),
        UserLocale(code: "fr_FR", country: "FR", language: "fr", timezone: "Europe/Paris",
               dialPrefix: "+33612", subscriberDigits: 6, currency: "EUR", weight: 6),
        UserLocale(code: "ko_KR", country: "KR", language: "ko", timezone: "Asia/Seoul",
               dialPrefix: "+8210", subscriberDigits: 8, currency: "KRW", weight: 5),
        UserLocale(code: "pt_BR", country: "BR", language: "pt", timezone: "America/Sao_Paulo",
               dialPrefix: "+5511", subscriberDigits: 9, currency: "BRL", weight: 5),
    ]

    struct Page: Sendable {
        var path: String
        var title: String
    }

    static let pages: [Page] = [
        Page(path: "/", title: "Kinescope Shop"),
        Page(path: "/", title: "Kinescope Shop"),
        Page(path: "/sale", title: "🎉 Spring Sale — up to 50% off"),
        Page(path: "/ja/sale", title: "🌸 春のセール開催中"),
        Page(path: "/products/sku-1042", title: "ワイヤレスイヤホン | Kinescope Shop"),
        Page(path: "/products/sku-2210", title: "Trail Running Shoes | Kinescope Shop"),
        Page(path: "/products/sku-3307", title: "抹茶ラテ セット | Kinescope Shop"),
        Page(path: "/products/sku-4120", title: "Mechanical Keyboard | Kinescope Shop"),
        Page(path: "/cart", title: "Cart"),
        Page(path: "/checkout", title: "Checkout"),
        Page(path: "/account", title: "Your account"),
        Page(path: "/ja/guide/tokyo-ramen", title: "東京ラーメン特集 🍜"),
        Page(path: "/blog/cafe-au-lait", title: "Café au lait, the right way ☕"),
    ]

    static let searchQueries: [String] = [
        "wireless earbuds", "running shoes", "東京 ラーメン", "🎉 sale", "抹茶", "keyboard",
        "usb-c cable", "寿司 予約", "👟 running", "gift card", "café", "ワイヤレス イヤホン", "laptop stand",
        "hoodie", "ノートパソコン", "🎁 gifts for her",
    ]

    struct Product: Sendable {
        var id: String
        var name: String
        var category: String
        /// Price lexemes per currency, as an app would log them.
        var usd: String
        var jpy: String
        var eur: String
    }

    static let products: [Product] = [
        Product(id: "sku-1042", name: "ワイヤレスイヤホン", category: "audio", usd: "79.99", jpy: "11800", eur: "74.99"),
        Product(id: "sku-2210", name: "Trail Running Shoes", category: "shoes", usd: "129.0", jpy: "18700", eur: "119.0"),
        Product(id: "sku-3307", name: "抹茶ラテ セット", category: "food", usd: "24.5", jpy: "3480", eur: "22.9"),
        Product(id: "sku-4120", name: "Mechanical Keyboard", category: "electronics", usd: "149.99", jpy: "21800", eur: "139.99"),
        Product(id: "sku-5001", name: "Gift Card 🎁", category: "gift", usd: "50.0", jpy: "5000", eur: "50.0"),
        Product(id: "sku-6318", name: "USB-C Cable 2m", category: "electronics", usd: "12.99", jpy: "1580", eur: "11.99"),
    ]

    static let buttons: [(id: String, label: String)] = [
        ("checkout", "Checkout"), ("buy-now", "今すぐ購入"), ("add-to-wishlist", "♡ Wishlist"),
        ("signup-cta", "Sign up"), ("share", "Share"), ("newsletter", "Subscribe ✉️"),
        ("filter", "絞り込み"),
    ]

    /// An email or SMS sender: a campaign or a journey, each with its own message.
    struct Sender: Sendable {
        var campaignId: String?
        var journeyId: String?
        var activityId: String
        var subject: String
        var smsType: String
    }

    static let senders: [Sender] = [
        Sender(campaignId: "52dc44b35c4742c98c5935f7e6a1b2c3", journeyId: nil,
               activityId: "cbcfc3c5e3bd48a8ac2b9e8d7a6f5e41", subject: "🎉 Spring Sale starts now", smsType: "Promotional"),
        Sender(campaignId: "a0e1d2c3b4a5968778695a4b3c2d1e0f", journeyId: nil,
               activityId: "0f1e2d3c4b5a69788796a5b4c3d2e1f0", subject: "【期間限定】春のセール 🌸", smsType: "Promotional"),
        Sender(campaignId: nil, journeyId: "e7c1b2a3d4f5e6a7b8c9d0e1f2a3b4c5",
               activityId: "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d", subject: "Welcome to Kinescope Shop", smsType: "Transactional"),
        Sender(campaignId: nil, journeyId: "3d2c1b0a9f8e7d6c5b4a39281706f5e4",
               activityId: "1a2b3c4d5e6f70819293a4b5c6d7e8f9", subject: "ご注文の商品を発送しました 📦", smsType: "Transactional"),
    ]

    static let fromAddress = "Kinescope Shop <no-reply@shop.example.com>"
    static let smsOrigination = "+12065550142"

    static let mailUserAgents: [String] = [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
    ]

    static let smsFailureStatuses: [String] = [
        "UNREACHABLE", "CARRIER_UNREACHABLE", "INVALID", "BLOCKED", "TTL_EXPIRED", "OPTED_OUT",
    ]

    /// SMS price per message part, in millicents of a US dollar, by destination country.
    static func smsPrice(country: String) -> String {
        switch country {
        case "US": return "645.0"
        case "JP": return "7450.0"
        case "GB": return "3950.0"
        case "DE": return "8280.0"
        case "FR": return "7220.0"
        case "KR": return "1840.0"
        default: return "2090.0"
        }
    }
}
