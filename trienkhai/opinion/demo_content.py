"""What the demo's opinion registers hold: the opinions heard, the posts rebutted and the good
models proposed in Tân Kỳ, as plain data (`demo.py` writes them through the services).

Days are counted back from the day the demo is loaded (`ago`)."""

from __future__ import annotations

from dataclasses import dataclass

from trienkhai.opinion.models import GoodPractice, OpinionReport, Rebuttal

K = OpinionReport.Kind
S = OpinionReport.Source
P = Rebuttal.Platform
F = GoodPractice.Field
CHAIRMAN = "Đồng chí Chủ tịch UBND xã"
VICE_CHAIRMAN = "Đồng chí Phó Chủ tịch UBND xã"
DEPUTY_SECRETARY = "Đồng chí Phó Bí thư Thường trực Đảng ủy xã"


@dataclass(frozen=True)
class Heard:
    key: str
    login: str
    ago: int  # days before today it was noted
    kind: str
    source: str
    detail: str
    people: int | None
    topic: str
    content: str
    sensitive: bool = False
    solution: str = ""
    target: str = ""
    handling: str = ""  # the office's note, two days after it was noted
    answer: tuple[int, str, str] | None = None  # (days after noted, responder, text)


HEARD: tuple[Heard, ...] = (
    Heard(
        "duong-dong-tan",
        "chibo01",
        82,
        K.PETITION,
        S.MEETING,
        "Sinh hoạt chi bộ thôn Đông Tân",
        12,
        "Đề nghị sửa chữa tuyến đường trục thôn Đông Tân xuống cấp sau mưa bão",
        "Đoạn đường trục thôn từ nhà văn hóa đến cầu Đông Tân có nhiều ổ gà, ngập nước khi "
        "mưa lớn; người dân, học sinh đi lại khó khăn, đề nghị xã sớm sửa chữa.",
        solution="II.2.4",
        handling="Chuyển UBND xã khảo sát hiện trạng, lập dự toán duy tu.",
        answer=(
            19,
            CHAIRMAN,
            "UBND xã đã vá ổ gà, khơi thông rãnh thoát nước đoạn qua nhà văn hóa thôn; "
            "toàn tuyến 1,2 km được đưa vào kế hoạch duy tu, thi công trong quý I năm sau "
            "từ nguồn vốn xây dựng nông thôn mới nâng cao.",
        ),
    ),
    Heard(
        "vneid-nguoi-cao-tuoi",
        "chibo01",
        6,
        K.THOUGHT,
        S.CONTACT,
        "Hội Người cao tuổi thôn Đông Tân",
        8,
        "Người cao tuổi lúng túng khi cài đặt, sử dụng ứng dụng VNeID",
        "Nhiều người cao tuổi chưa có điện thoại thông minh hoặc không biết cài đặt VNeID, "
        "lo không tự làm được thủ tục khi xã chuyển sang dịch vụ công trực tuyến.",
        solution="II.2.3",
        target="II.2.3-a",
    ),
    Heard(
        "tin-doi-so-do",
        "chibo02",
        71,
        K.OPINION,
        S.ONLINE,
        "Nhóm Zalo thôn Tây Tân",
        None,
        "Tin sai về việc phải nộp tiền đổi giấy chứng nhận quyền sử dụng đất sau sắp xếp xã",
        "Trên nhóm Zalo của thôn lan truyền tin mỗi hộ phải nộp 2 triệu đồng để đổi giấy "
        "chứng nhận quyền sử dụng đất theo địa chỉ mới; nhiều hộ lo lắng, hỏi cán bộ thôn.",
        solution="II.2.3",
        handling="Đề nghị UBND xã trả lời bằng văn bản, phát trên Đài truyền thanh xã.",
        answer=(
            5,
            VICE_CHAIRMAN,
            "Việc sắp xếp đơn vị hành chính không bắt buộc đổi giấy chứng nhận; giấy đã cấp "
            "vẫn có giá trị pháp lý. Người dân chỉ làm thủ tục khi có nhu cầu và không phải "
            "nộp phí đổi địa chỉ. Nội dung trả lời đã phát trên Đài truyền thanh xã 3 buổi và "
            "gửi vào nhóm Zalo của 20 thôn.",
        ),
    ),
    Heard(
        "thung-rac-cho-nam-ky",
        "chibo03",
        55,
        K.PETITION,
        S.LETTER,
        "Hòm thư góp ý nhà văn hóa thôn Nam Kỳ",
        1,
        "Đề nghị bố trí thêm điểm thu gom rác tại khu chợ tạm thôn Nam Kỳ",
        "Rác thải sau mỗi phiên chợ tạm để tràn ra lề đường, bốc mùi; người dân đề nghị đặt "
        "thêm thùng rác và tăng chuyến thu gom.",
        solution="II.2.4",
        handling=(
            "UBND xã giao công chức Nông nghiệp và Môi trường khảo sát, phối hợp Hợp tác xã "
            "bố trí điểm tập kết và lịch thu gom sau phiên chợ; trả lời người dân trong tháng."
        ),
    ),
    Heard(
        "boi-thuong-duong-lien-xa",
        "chibo05",
        46,
        K.PETITION,
        S.CONTACT,
        "Các hộ có đất bị thu hồi làm đường liên xã",
        9,
        "Khiếu nại mức bồi thường, hỗ trợ giải phóng mặt bằng dự án đường liên xã",
        "9 hộ thôn Tân Lập cho rằng đơn giá bồi thường đất nông nghiệp thấp hơn dự án cùng "
        "tuyến ở xã bên; một số hộ nói sẽ không bàn giao mặt bằng nếu không được xem xét lại.",
        sensitive=True,
        handling=(
            "Đã báo cáo Thường trực Đảng ủy. UBND xã cùng Ban Quản lý dự án rà soát phương án "
            "bồi thường, tổ chức đối thoại với các hộ; Ủy ban MTTQ xã cử người giám sát."
        ),
    ),
    Heard(
        "tin-don-can-bo-dia-chinh",
        "mttq",
        9,
        K.OPINION,
        S.CONTACT,
        "Ý kiến của một số hội viên tại khu dân cư",
        None,
        "Tin đồn một cán bộ xã nhận tiền khi giải quyết hồ sơ đất đai",
        "Một số người dân bàn tán rằng một cán bộ địa chính xã nhận tiền “bồi dưỡng” để giải "
        "quyết nhanh hồ sơ chuyển mục đích sử dụng đất; chưa có đơn thư, chưa rõ nguồn tin.",
        sensitive=True,
    ),
    Heard(
        "den-duong-ky-son",
        "ubnd",
        63,
        K.PETITION,
        S.MEETING,
        "Hội nghị đối thoại với Nhân dân quý III",
        35,
        "Kiến nghị lắp đèn chiếu sáng tuyến đường liên thôn Kỳ Sơn – Kỳ Thượng",
        "Tuyến đường liên thôn dài hơn 2 km chưa có đèn, tối đi lại nguy hiểm, đã xảy ra va "
        "chạm giao thông; cử tri đề nghị xã lắp đèn chiếu sáng.",
        solution="II.2.4",
        handling="Giao bộ phận Kinh tế UBND xã lập dự toán, cân đối nguồn kinh phí.",
        answer=(
            40,
            CHAIRMAN,
            "UBND xã đã bố trí kinh phí lắp 42 bóng đèn LED trên tuyến dài 2,1 km, hoàn thành "
            "và đưa vào sử dụng; chi phí điện chiếu sáng do ngân sách xã chi trả.",
        ),
    ),
    Heard(
        "tai-lieu-sinh-hoat-so",
        "chibo07",
        50,
        K.THOUGHT,
        S.MEETING,
        "Sinh hoạt chi bộ thôn Tân Phong",
        7,
        "Đảng viên cao tuổi băn khoăn khi chi bộ gửi tài liệu sinh hoạt qua Zalo",
        "Một số đảng viên trên 70 tuổi lo không theo kịp khi tài liệu sinh hoạt chỉ gửi qua "
        "nhóm Zalo và Sổ tay đảng viên điện tử; đề nghị vẫn giữ tài liệu in.",
        solution="II.2.2",
        handling="Văn phòng Đảng ủy hướng dẫn các chi bộ giữ cả hai hình thức.",
        answer=(
            8,
            DEPUTY_SECRETARY,
            "Chi bộ tiếp tục in tài liệu cho đảng viên cao tuổi. Đoàn Thanh niên xã phân công "
            "đoàn viên đến tận nhà hướng dẫn dùng Sổ tay đảng viên điện tử cho ai có nhu cầu.",
        ),
    ),
    Heard(
        "nong-thon-moi-ky-thuong",
        "chibo09",
        11,
        K.OPINION,
        S.PRESS,
        "Đài truyền thanh xã",
        None,
        "Người dân phấn khởi với kết quả xây dựng nông thôn mới nâng cao",
        "Sau khi đường thôn được bê tông hóa và có đèn chiếu sáng, người dân thôn Kỳ Thượng "
        "đồng tình, sẵn sàng hiến đất mở rộng đường nội đồng; mong xã tiếp tục hỗ trợ.",
        solution="II.2.4",
        target="I.1-a",
    ),
    Heard(
        "giong-lua-vu-xuan",
        "chibo12",
        26,
        K.PETITION,
        S.CONTACT,
        "Tổ sản xuất thôn An Khê",
        6,
        "Đề nghị hỗ trợ giống lúa chất lượng cao cho vụ Xuân",
        "Các hộ trồng lúa đề nghị được hỗ trợ giống lúa chất lượng cao và hướng dẫn kỹ thuật "
        "để chuyển đổi 15 ha lúa thường sang lúa chất lượng cao.",
        solution="II.2.4",
        target="I.1-a",
        handling=(
            "Chuyển Hợp tác xã Nông nghiệp Tân Kỳ tổng hợp nhu cầu; UBND xã lập danh sách đề "
            "nghị hỗ trợ theo chính sách của thành phố."
        ),
    ),
    Heard(
        "ma-vung-trong",
        "chibo29",
        20,
        K.PETITION,
        S.MEETING,
        "Hội nghị xã viên Hợp tác xã",
        40,
        "Kiến nghị hỗ trợ cấp mã vùng trồng, đưa nông sản lên sàn thương mại điện tử",
        "Xã viên đề nghị xã hỗ trợ thủ tục cấp mã vùng trồng cho vùng rau an toàn và mở gian "
        "hàng trên sàn thương mại điện tử để bán trực tiếp, không qua thương lái.",
        solution="II.2.4",
        target="I.1-a",
        handling=(
            "Giao công chức phụ trách nông nghiệp làm việc với Sở Nông nghiệp và Môi trường về "
            "thủ tục cấp mã vùng trồng; Đoàn Thanh niên hỗ trợ mở gian hàng trên sàn."
        ),
    ),
    Heard(
        "lua-dao-mao-danh",
        "chibo02",
        14,
        K.THOUGHT,
        S.ONLINE,
        "Phản ánh của người dân trong nhóm Zalo thôn",
        5,
        "Lo ngại lừa đảo qua điện thoại mạo danh công an xã",
        "Nhiều hộ nhận cuộc gọi mạo danh công an yêu cầu bấm đường link để “cập nhật định "
        "danh mức 2”; một hộ đã bị mất 15 triệu đồng. Người dân đề nghị tuyên truyền cách "
        "nhận biết.",
    ),
    Heard(
        "cong-khai-dong-gop",
        "mttq",
        76,
        K.PETITION,
        S.MEETING,
        "Hội nghị Ủy ban MTTQ xã mở rộng",
        60,
        "Cử tri đề nghị công khai các khoản đóng góp xây dựng nông thôn mới",
        "Cử tri đề nghị công khai đầy đủ các khoản huy động, đóng góp của Nhân dân cho xây "
        "dựng nông thôn mới năm nay và việc sử dụng các khoản đó.",
        solution="II.2.5",
        handling="Đề nghị UBND xã niêm yết công khai, báo cáo tại kỳ họp HĐND.",
        answer=(
            12,
            CHAIRMAN,
            "UBND xã đã niêm yết công khai các khoản huy động, đóng góp và kết quả sử dụng tại "
            "trụ sở và nhà văn hóa 20 thôn, đăng trên Trang thông tin điện tử xã; các khoản "
            "đóng góp đều trên tinh thần tự nguyện.",
        ),
    ),
    Heard(
        "phi-rac-theo-khoi-luong",
        "chibo03",
        3,
        K.OPINION,
        S.CONTACT,
        "Người dân khu chợ thôn Nam Kỳ",
        None,
        "Người dân quan tâm lộ trình thu phí rác thải sinh hoạt theo khối lượng",
        "Nhiều hộ hỏi khi nào thu phí rác theo khối lượng, mức phí bao nhiêu, hộ đã phân loại "
        "rác tại nguồn có được giảm phí không.",
        solution="II.2.4",
    ),
)


@dataclass(frozen=True)
class Post:
    key: str
    login: str
    ago: int
    platform: str
    link: str
    summary: str
    # Words of the unit's news item that rebutted it, its latest one by the day when none
    # matches; None: no news item.
    media: str | None = None
    rebuttal_link: str = ""
    comments: int = 0
    reported: bool = False
    note: str = ""


POSTS: tuple[Post, ...] = (
    Post(
        "fb-ep-hien-dat",
        "vanphong",
        40,
        P.FACEBOOK,
        "https://www.facebook.com/groups/tinnonghaiphong24h/posts/1029384756102938",
        "Bài viết xuyên tạc rằng xã Tân Kỳ “ép” người dân hiến đất làm đường liên xã mà "
        "không bồi thường, kèm ảnh chụp từ địa phương khác.",
        media="nông thôn mới",
        comments=5,
        reported=True,
        note="Đã báo cáo vi phạm với Facebook; nhóm đã gỡ bài sau 2 ngày.",
    ),
    Post(
        "tiktok-phan-loai-rac",
        "doan",
        33,
        P.TIKTOK,
        "https://www.tiktok.com/@tinhot247.hp/video/7431208865521098",
        "Video dựng cảnh cho rằng rác phân loại tại nhà rồi cũng bị đổ chung một xe, kêu gọi "
        "người dân không phân loại rác, không đóng phí thu gom.",
        media="phân loại rác",
        comments=37,
        reported=True,
        note="Đoàn viên bình luận, chia sẻ bài phản bác; đã báo cáo vi phạm với TikTok.",
    ),
    Post(
        "zalo-thu-hoi-dat",
        "chibo03",
        24,
        P.ZALO,
        "",
        "Tin nhắn lan truyền trong nhóm Zalo của thôn về việc “thu hồi đất nông nghiệp để "
        "giao cho doanh nghiệp”.",
        media="",
        comments=12,
    ),
    Post(
        "youtube-nhan-su-dai-hoi",
        "chibo10",
        17,
        P.YOUTUBE,
        "https://www.youtube.com/watch?v=Xk3dTq7LmPa",
        "Video của một kênh nước ngoài bình luận sai lệch về công tác chuẩn bị nhân sự đại "
        "hội Đảng các cấp.",
        comments=24,
    ),
    Post(
        "fb-thu-tien-nha-van-hoa",
        "chibo01",
        12,
        P.FACEBOOK,
        "https://www.facebook.com/nguyen.van.tuan.8812/posts/pfbid02kQw9ZtT",
        "Bài đăng trên trang cá nhân bịa đặt việc chi bộ thôn thu tiền đảng viên, người dân "
        "để “ủng hộ” sửa nhà văn hóa.",
        comments=8,
        note="Chi bộ đã gặp người đăng bài; người này đã gỡ bài và xin lỗi trong nhóm thôn.",
    ),
    Post(
        "fb-bhxh-vo-quy",
        "mttq",
        5,
        P.FACEBOOK,
        "https://www.facebook.com/groups/hoinguoilaodongtudo/posts/2210987654321",
        "Bài viết kêu gọi không tham gia bảo hiểm xã hội tự nguyện vì “quỹ sắp vỡ, đóng rồi "
        "không được nhận”.",
        rebuttal_link="https://www.facebook.com/tankyngaymoi/posts/bhxh-tu-nguyen-quyen-loi",
        comments=15,
    ),
)


@dataclass(frozen=True)
class Model:
    key: str
    login: str
    ago: int  # days before today it was proposed
    started: int  # days before today the unit began it
    title: str
    field: str
    description: str
    results: str
    solution: str = ""
    target: str = ""
    commendation: str = ""  # the reason, when the unit proposes it for commendation
    review: tuple[bool, str] | None = None  # (recognised, the office's note), 5 days later
    public: tuple[str, str] | None = None  # (title, summary) published 2 days after review


MODELS: tuple[Model, ...] = (
    Model(
        "zalo-chi-bo-dong-tan",
        "chibo01",
        75,
        210,
        "Zalo chi bộ: đưa thông tin, tài liệu sinh hoạt đến từng đảng viên",
        F.DIGITAL,
        "Chi bộ lập nhóm Zalo “Chi bộ thôn Đông Tân”, gửi thông báo và tài liệu sinh hoạt "
        "trước 3 ngày; đảng viên cao tuổi được đoàn viên cùng thôn hướng dẫn dùng điện thoại; "
        "ý kiến góp ý được tổng hợp đưa vào buổi sinh hoạt.",
        "45/52 đảng viên tham gia nhóm; 100% thông báo, tài liệu gửi đúng hạn; tỉ lệ đảng "
        "viên dự sinh hoạt tăng từ 78% lên 92% sau 6 tháng.",
        solution="II.2.2",
        target="III.3-a",
        review=(True, "Cách làm đơn giản, dễ nhân rộng; đề nghị các chi bộ thôn học tập."),
        public=(
            "Thôn Đông Tân đưa tin tức của chi bộ đến từng đảng viên qua Zalo",
            "Chi bộ thôn Đông Tân lập nhóm Zalo để gửi thông báo, tài liệu trước mỗi buổi sinh "
            "hoạt. Các đoàn viên trẻ đến tận nhà giúp người cao tuổi dùng điện thoại. Nay 45 "
            "trên 52 đảng viên đã vào nhóm và số người dự sinh hoạt tăng rõ rệt.",
        ),
    ),
    Model(
        "tuyen-duong-hoa-tan-lap",
        "chibo05",
        60,
        240,
        "Tuyến đường hoa tự quản thôn Tân Lập",
        F.ENVIRONMENT,
        "Mỗi hộ ven đường nhận chăm sóc đoạn hoa trước nhà; chi hội phụ nữ tổ chức tổng vệ "
        "sinh sáng chủ nhật hằng tuần, thu gom rác thải nhựa bán lấy tiền trồng thêm hoa.",
        "1,8 km đường trồng hoa; 45/52 hộ ven tuyến nhận chăm sóc; thu gom 1,2 tấn rác thải "
        "nhựa trong 3 tháng, thu 3,6 triệu đồng dùng mua giống hoa.",
        solution="II.2.4",
        review=(True, "Mô hình góp phần xây dựng nông thôn mới nâng cao; công nhận."),
        public=(
            "Tuyến đường hoa do người dân thôn Tân Lập tự chăm sóc",
            "Người dân thôn Tân Lập mỗi nhà chăm một đoạn hoa trước cửa, sáng chủ nhật cùng "
            "dọn vệ sinh và gom rác nhựa bán lấy tiền mua thêm hoa. Tuyến đường hoa dài 1,8 km, "
            "đã gom được 1,2 tấn rác nhựa trong 3 tháng.",
        ),
    ),
    Model(
        "lua-huu-co-htx",
        "chibo29",
        45,
        300,
        "Liên kết sản xuất lúa hữu cơ, bán gạo trên sàn thương mại điện tử",
        F.ECONOMY,
        "Hợp tác xã ký hợp đồng bao tiêu với xã viên, thống nhất giống và quy trình canh tác "
        "hữu cơ, đóng gói gạo có tem truy xuất nguồn gốc, mở gian hàng trên sàn thương mại "
        "điện tử.",
        "32 ha lúa hữu cơ, 68 hộ tham gia; bán 12,5 tấn gạo qua sàn trong 6 tháng; thu nhập "
        "của hộ tham gia tăng khoảng 18% so với lúa thường.",
        solution="II.2.4",
        target="I.1-a",
        commendation=(
            "Mô hình nâng giá trị nông sản, được nhiều hộ ngoài hợp tác xã học tập; đề nghị "
            "Ban Chấp hành Đảng bộ xã tặng Giấy khen cho Chi bộ Hợp tác xã."
        ),
        review=(True, "Công nhận; trình Ban Thường vụ xét đề nghị khen thưởng."),
    ),
    Model(
        "to-cong-nghe-so-doan",
        "doan",
        18,
        120,
        "Tổ công nghệ số cộng đồng: đoàn viên hướng dẫn dịch vụ công tại nhà",
        F.DIGITAL,
        "Mỗi chi đoàn thôn cử 3 đoàn viên; tối thứ Bảy đến từng hộ hướng dẫn cài đặt VNeID, "
        "nộp hồ sơ trực tuyến, thanh toán không dùng tiền mặt.",
        "Hướng dẫn 326 người cài đặt, kích hoạt VNeID; 214 hồ sơ được nộp trực tuyến; 97 hộ "
        "bắt đầu thanh toán tiền điện, nước qua ứng dụng.",
        solution="II.2.3",
        target="II.2.3-a",
    ),
    Model(
        "camera-an-ninh",
        "chibo23",
        9,
        150,
        "Camera an ninh kết nối khu dân cư",
        F.SECURITY,
        "Công an xã vận động các hộ kinh doanh lắp camera hướng ra đường, kết nối về điểm "
        "trực của công an xã; tổ an ninh thôn theo dõi, báo tin khi có vụ việc.",
        "24 camera ở 6 thôn được kết nối; số vụ trộm cắp tài sản giảm 40% so với cùng kỳ; "
        "2 vụ việc được làm rõ nhờ hình ảnh camera.",
        solution="II.2.1",
    ),
    Model(
        "quy-khuyen-hoc-dong-ho",
        "chibo07",
        30,
        365,
        "Quỹ khuyến học dòng họ thôn Tân Phong",
        F.SOCIETY,
        "Các dòng họ trong thôn lập quỹ khuyến học, khen thưởng con cháu học giỏi vào dịp "
        "đầu năm học.",
        "Nhiều học sinh được khen thưởng.",
        review=(
            False,
            "Đề nghị bổ sung số liệu: số học sinh được khen thưởng, số tiền quỹ, số dòng họ "
            "tham gia; kèm xác nhận của Ban công tác Mặt trận thôn.",
        ),
    ),
)
