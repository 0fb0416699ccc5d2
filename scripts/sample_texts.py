# ruff: noqa: E501  (prose: one paragraph per line)
"""Texts of the sample documents in samples/ (written for this project; every
province, agency and person in them is invented). scripts/make_samples.py
turns them into files of different formats and encodings."""

# 1. News article, UTF-8 text: a bloc signs its pact for 2023.
AN_THANH_2023_PACT = """\
Khối thi đua các cơ quan nội chính tỉnh An Thạnh ký kết giao ước thi đua năm 2023

24/02/2023 10:15

Sáng ngày 23/02, tại Hội trường Sở Tư pháp, Khối thi đua các cơ quan nội chính tỉnh An Thạnh tổ chức hội nghị tổng kết thi đua, khen thưởng năm 2022 và ký kết giao ước thi đua năm 2023.

Khối thi đua các cơ quan nội chính tỉnh gồm 7 đơn vị: Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh, Sở Tư pháp, Thanh tra tỉnh và Cục Thi hành án dân sự tỉnh. Năm 2023, Sở Tư pháp được phân công làm Khối trưởng, Thanh tra tỉnh làm Khối phó.

Dự hội nghị có bà Phan Thị Ngọc Diệp, Phó Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh An Thạnh; Đại tá Vũ Đình Phong, Phó Giám đốc Công an tỉnh; ông Tạ Quang Huy, Phó Viện trưởng Viện kiểm sát nhân dân tỉnh cùng lãnh đạo các đơn vị thành viên.

Phát biểu khai mạc, ông Lê Minh Khang, Giám đốc Sở Tư pháp, Khối trưởng Khối thi đua năm 2023 cho biết: năm 2022, các đơn vị trong Khối đã bám sát Kế hoạch số 45/KH-UBND ngày 10/01/2022 của UBND tỉnh về tổ chức phong trào thi đua yêu nước, hoàn thành và hoàn thành vượt mức các chỉ tiêu được giao. Công tác phối hợp giữa các cơ quan tiến hành tố tụng được duy trì chặt chẽ; tỷ lệ giải quyết án hình sự đạt trên 98%; công tác thi hành án dân sự thu về cho Nhà nước hơn 120 tỷ đồng.

Tại hội nghị, thủ trưởng 7 đơn vị thành viên đã ký kết giao ước thi đua năm 2023 với 5 nội dung trọng tâm, thực hiện Hướng dẫn số 12/HD-BTĐKT ngày 05/01/2023 của Ban Thi đua - Khen thưởng tỉnh. Các đơn vị cam kết đẩy mạnh cải cách tư pháp, nâng cao chất lượng xét xử, kiểm sát và thi hành án; giữ vững an ninh chính trị, trật tự an toàn xã hội trên địa bàn tỉnh.

Phát biểu chỉ đạo, bà Phan Thị Ngọc Diệp đề nghị các đơn vị trong Khối tiếp tục đổi mới nội dung, hình thức thi đua, chú trọng phát hiện và nhân rộng các điển hình tiên tiến, bảo đảm khen thưởng đúng người, đúng việc.

Minh Thư
"""

# 2. Web page (html with menus, counters, share bar, related links, comments, footer).
AN_THANH_2023_REVIEW_BODY = """\
<p>Chiều 19/12, Khối thi đua các cơ quan nội chính tỉnh An Thạnh tổ chức tổng kết công tác thi đua, khen thưởng năm 2023, bình xét thi đua và bàn giao nhiệm vụ Khối trưởng năm 2024.</p>
<p>Chủ trì hội nghị có ông Lê Minh Khang, Giám đốc Sở Tư pháp, Khối trưởng Khối thi đua các cơ quan nội chính năm 2023. Tham dự có bà Phan Thị Ngọc Diệp, Phó Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ và lãnh đạo 7 đơn vị thành viên.</p>
<p>Báo cáo tại hội nghị cho thấy, năm 2023 các đơn vị trong Khối đã thực hiện nghiêm túc nội dung giao ước thi đua ký kết từ đầu năm. Sở Tư pháp thẩm định 215 dự thảo văn bản quy phạm pháp luật; Tòa án nhân dân tỉnh giải quyết 96,5% số vụ việc thụ lý; Cục Thi hành án dân sự tỉnh thi hành xong 84% số việc có điều kiện thi hành.</p>
<p>Trên cơ sở kết quả chấm điểm, hội nghị đã thống nhất suy tôn 02 đơn vị dẫn đầu là Công an tỉnh và Viện kiểm sát nhân dân tỉnh, đề nghị UBND tỉnh tặng Cờ thi đua; đồng thời đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 3 tập thể và 5 cá nhân có thành tích xuất sắc.</p>
<p>Cũng tại hội nghị, Sở Tư pháp đã bàn giao nhiệm vụ Khối trưởng năm 2024 cho Công an tỉnh; Tòa án nhân dân tỉnh được bầu làm Khối phó năm 2024.</p>
<p>Phát biểu nhận nhiệm vụ, Đại tá Vũ Đình Phong, Phó Giám đốc Công an tỉnh, cảm ơn sự tín nhiệm của các đơn vị và cam kết cùng các thành viên trong Khối hoàn thành tốt nhiệm vụ năm 2024.</p>
"""

# 3. News article, UTF-16 text: a district cluster's year-end review with awards.
SON_NGUYEN_2022_REVIEW = """\
Cụm thi đua số 3 tỉnh Sơn Nguyên tổng kết phong trào thi đua năm 2022

Sáng ngày 28/12, tại thị xã Bình Lâm, Cụm thi đua số 3 tỉnh Sơn Nguyên tổ chức hội nghị tổng kết phong trào thi đua năm 2022, triển khai nhiệm vụ năm 2023.

Cụm thi đua số 3 gồm 4 đơn vị: UBND huyện Mỹ Sơn, UBND huyện Đông Khê, UBND huyện Phước Thạnh và UBND thị xã Bình Lâm. Năm 2022, UBND huyện Mỹ Sơn là Cụm trưởng.

Tham dự hội nghị có bà Trịnh Thu Hà, Phó Chủ tịch UBND tỉnh Sơn Nguyên; ông Đỗ Quang Vinh, Chủ tịch UBND huyện Mỹ Sơn, Cụm trưởng Cụm thi đua số 3; ông Kiều Văn Lộc, Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Sơn Nguyên.

Năm 2022, các địa phương trong Cụm đã hoàn thành 18/20 chỉ tiêu kinh tế - xã hội chủ yếu; tổng giá trị sản xuất nông nghiệp tăng 4,2%; có thêm 9 xã đạt chuẩn nông thôn mới. Phong trào "Chung tay vì người nghèo" được các địa phương hưởng ứng sâu rộng.

Tại hội nghị, thừa ủy quyền của Chủ tịch UBND tỉnh, bà Trịnh Thu Hà đã trao Cờ thi đua của UBND tỉnh cho 01 đơn vị dẫn đầu Cụm là UBND huyện Mỹ Sơn; trao Bằng khen của Chủ tịch UBND tỉnh cho 2 tập thể có thành tích xuất sắc trong phong trào thi đua năm 2022.

Hội nghị đã thống nhất bầu UBND thị xã Bình Lâm làm Cụm trưởng và UBND huyện Đông Khê làm Cụm phó Cụm thi đua số 3 năm 2023. Các đơn vị cũng ký kết giao ước thi đua năm 2023 theo Kế hoạch số 08/KH-HĐTĐKT ngày 12/01/2023 của Hội đồng Thi đua - Khen thưởng tỉnh.

Hoài An
"""

# 4. Launch of a movement, Windows-1258 text.
HA_LAM_2021_LAUNCH = """\
UBND tỉnh Hà Lâm phát động phong trào thi đua "Hà Lâm chung sức xây dựng nông thôn mới" giai đoạn 2021-2025

Thứ Hai, 15/03/2021

Chiều 15 - 3, UBND tỉnh Hà Lâm tổ chức lễ phát động phong trào thi đua "Hà Lâm chung sức xây dựng nông thôn mới" giai đoạn 2021-2025 và phát động thi đua năm 2021.

Phát biểu tại buổi lễ, ông Hoàng Văn Thịnh, Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua - Khen thưởng tỉnh nhấn mạnh: phong trào được triển khai theo Chỉ thị số 03/CT-UBND ngày 05/3/2021 của UBND tỉnh, với mục tiêu đến năm 2025 có 75% số xã đạt chuẩn nông thôn mới.

Ông Ngô Đức Tuệ, Giám đốc Sở Nội vụ, cho biết Sở sẽ hướng dẫn các khối, cụm thi đua đăng ký nội dung thi đua trước ngày 30/4/2021. Đại diện Khối thi đua số 2 (khối các sở, ngành kinh tế), ông Mạc Hữu Nghĩa, Giám đốc Sở Tài chính, Khối trưởng Khối thi đua số 2 năm 2021, đã phát biểu hưởng ứng.

Khối thi đua số 2 gồm các đơn vị: Sở Kế hoạch và Đầu tư, Sở Tài chính, Sở Công Thương, Sở Nông nghiệp và Phát triển nông thôn và Sở Giao thông vận tải.

Dịp này, Chủ tịch UBND tỉnh đã tặng Bằng khen cho 12 tập thể và 20 cá nhân có thành tích xuất sắc trong giai đoạn 2016-2020 của phong trào.

Lan Chi
"""

# 5. Meeting minutes, TCVN3 (ABC) legacy encoding. Old tone style ("Uỷ", "hoà") on purpose:
# archived documents were typed that way.
HA_LAM_2024_MINUTES = """\
UỶ BAN NHÂN DÂN TỈNH HÀ LÂM
KHỐI THI ĐUA SỐ 2
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Lâm, ngày 18 tháng 12 năm 2024

BIÊN BẢN HỌP
Bình xét thi đua, khen thưởng năm 2024 của Khối thi đua số 2

Thời gian: 14 giờ 00, ngày 18 tháng 12 năm 2024.
Địa điểm: Phòng họp Sở Tài chính tỉnh Hà Lâm.

Thành phần: đại diện lãnh đạo 5 đơn vị trong Khối thi đua số 2 gồm Sở Tài chính, Sở Kế hoạch và Đầu tư, Sở Công Thương, Sở Nông nghiệp và Phát triển nông thôn, Sở Giao thông vận tải; bà Lưu Thị Mai Hương, Phó Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ.

Chủ trì: ông Mạc Hữu Nghĩa, Giám đốc Sở Tài chính, Khối trưởng Khối thi đua số 2 năm 2024.
Thư ký: bà Đào Thị Bích Ngọc, Chánh Văn phòng Sở Tài chính.

NỘI DUNG
1. Khối trưởng thông qua báo cáo tổng kết công tác thi đua, khen thưởng năm 2024 của Khối. Các đơn vị đã thực hiện đầy đủ nội dung giao ước thi đua ký ngày 06/02/2024.

2. Kết quả bỏ phiếu kín, 5/5 đơn vị thống nhất:
- Suy tôn 01 đơn vị là Sở Tài chính đề nghị Thủ tướng Chính phủ tặng Cờ thi đua của Chính phủ;
- Đề nghị UBND tỉnh tặng Cờ thi đua cho 02 đơn vị: Sở Công Thương và Sở Kế hoạch và Đầu tư;
- Đề nghị Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể thuộc Sở Giao thông vận tải.

3. Hội nghị thống nhất giới thiệu Sở Công Thương làm Khối trưởng, Sở Giao thông vận tải làm Khối phó Khối thi đua số 2 năm 2025.

Cuộc họp kết thúc lúc 16 giờ 30 cùng ngày. Biên bản đã được đọc lại và các thành viên dự họp nhất trí thông qua.

THƯ KÝ
Đào Thị Bích Ngọc

KHỐI TRƯỞNG
Mạc Hữu Nghĩa
"""

# 6. Text-layer pdf: mid-year review of a city bloc.
HAI_DONG_2023_MIDYEAR = """\
SƠ KẾT 6 THÁNG ĐẦU NĂM 2023 KHỐI THI ĐUA CÁC CƠ QUAN VĂN HÓA - XÃ HỘI THÀNH PHỐ HẢI ĐÔNG

Ngày 14/7/2023, Khối thi đua các cơ quan văn hóa - xã hội thành phố Hải Đông tổ chức hội nghị sơ kết thi đua, khen thưởng 6 tháng đầu năm 2023, triển khai nhiệm vụ 6 tháng cuối năm.

Khối thi đua gồm 5 đơn vị: Sở Y tế, Sở Văn hóa và Thể thao, Sở Giáo dục và Đào tạo, Sở Lao động - Thương binh và Xã hội và Đài Phát thanh và Truyền hình thành phố. Năm 2023, Sở Y tế là Khối trưởng, Sở Văn hóa và Thể thao là Khối phó.

Chủ trì hội nghị có bà Thân Thị Hồng Nhung, Giám đốc Sở Y tế, Khối trưởng Khối thi đua năm 2023. Dự hội nghị có ông Quách Văn Định, Phó Giám đốc Sở Nội vụ, Trưởng ban Thi đua - Khen thưởng thành phố Hải Đông.

Sáu tháng đầu năm, ngành y tế thành phố tiêm chủng mở rộng đạt 97% kế hoạch; ngành giáo dục có 2.350 học sinh đạt giải trong các kỳ thi cấp thành phố; Sở Lao động - Thương binh và Xã hội giải quyết việc làm cho 14.200 lao động.

Tại hội nghị, ông Quách Văn Định đánh giá cao sự chủ động của Khối trưởng trong việc kiểm tra chéo giữa các đơn vị theo Hướng dẫn số 21/HD-SNV ngày 20/02/2023 của Sở Nội vụ, đồng thời đề nghị các đơn vị chuẩn bị tốt cho công tác bình xét cuối năm.

Dịp này, Giám đốc Sở Y tế đã tặng Giấy khen cho 6 tập thể và 11 cá nhân có thành tích xuất sắc trong 6 tháng đầu năm 2023.
"""

# 7. Scanned minutes (image-only pdf, read by OCR).
HAI_DONG_2022_MINUTES_SCAN = """\
KHỐI THI ĐUA CÁC CƠ QUAN
VĂN HÓA - XÃ HỘI THÀNH PHỐ HẢI ĐÔNG

BIÊN BẢN HỌP BÌNH XÉT THI ĐUA NĂM 2022

Hôm nay, ngày 09 tháng 12 năm 2022, tại Sở Giáo dục
và Đào tạo thành phố Hải Đông, Khối thi đua các cơ quan
văn hóa - xã hội họp bình xét thi đua năm 2022.

Chủ trì: ông Lã Văn Toàn, Giám đốc Sở Giáo dục và
Đào tạo, Khối trưởng Khối thi đua năm 2022.

Kết quả bỏ phiếu: 5/5 đơn vị thống nhất suy tôn Sở Giáo dục
và Đào tạo dẫn đầu Khối, đề nghị UBND thành phố tặng
Cờ thi đua; đề nghị Chủ tịch UBND thành phố tặng Bằng
khen cho 01 tập thể là Sở Y tế.

Hội nghị thống nhất giới thiệu Sở Y tế làm Khối trưởng
năm 2023.

THƯ KÝ                         CHỦ TRÌ
Vi Thị Thu Trang               Lã Văn Toàn
"""

# 8. Word document with a table of member units.
SON_NGUYEN_2024_COLLEGES_PARAGRAPHS = [
    "Cụm thi đua các trường cao đẳng tỉnh Sơn Nguyên ký kết giao ước thi đua năm 2024",
    "Ngày 06/3/2024, tại Trường Cao đẳng Y tế Sơn Nguyên, Cụm thi đua các trường cao đẳng tỉnh Sơn Nguyên "
    "tổ chức lễ ký kết giao ước thi đua năm 2024 theo Kế hoạch số 17/KH-UBND ngày 25/01/2024 của UBND tỉnh.",
    "Chủ trì buổi lễ có TS. Hà Minh Tuấn, Hiệu trưởng Trường Cao đẳng Y tế Sơn Nguyên, Cụm trưởng Cụm thi đua "
    "năm 2024. Dự lễ có ông Kiều Văn Lộc, Trưởng ban Thi đua - Khen thưởng, Sở Nội vụ tỉnh Sơn Nguyên.",
    "Các đơn vị thành viên của Cụm thi đua năm 2024 như sau:",
]
SON_NGUYEN_2024_COLLEGES_TABLE = [
    ("STT", "Đơn vị", "Nhiệm vụ trong Cụm"),
    ("1", "Trường Cao đẳng Y tế Sơn Nguyên", "Cụm trưởng"),
    ("2", "Trường Cao đẳng Sư phạm Sơn Nguyên", "Cụm phó"),
    ("3", "Trường Cao đẳng Kỹ thuật Công nghiệp Sơn Nguyên", "Thành viên"),
    ("4", "Trường Cao đẳng Nông Lâm Sơn Nguyên", "Thành viên"),
]
SON_NGUYEN_2024_COLLEGES_CLOSING = [
    "Các trường cam kết thi đua đổi mới chương trình đào tạo, nâng cao tỷ lệ người học có việc làm sau tốt "
    "nghiệp, đẩy mạnh chuyển đổi số trong quản lý và giảng dạy.",
    "Dịp này, Hiệu trưởng Trường Cao đẳng Y tế Sơn Nguyên trao Giấy khen cho 4 tập thể và 9 cá nhân có thành tích "
    "xuất sắc trong năm học 2022-2023.",
]

# 9. A web page saved as plain text, with the site's furniture left in.
AN_THANH_2024_AWARDS_DUMP = """\
Sign In
Trang chủ | Giới thiệu | Tin tức | Thi đua - Khen thưởng | Liên hệ

Khối thi đua các cơ quan nội chính tỉnh An Thạnh trao Cờ thi đua năm 2023

05/01/2024 09:12 Số lượt xem: 312

Chiều 04/01/2024, Khối thi đua các cơ quan nội chính tỉnh An Thạnh tổ chức hội nghị trao khen thưởng và triển khai nhiệm vụ thi đua năm 2024.

Thừa ủy quyền của Chủ tịch UBND tỉnh, ông Lê Minh Khang, Giám đốc Sở Tư pháp đã trao Cờ thi đua của UBND tỉnh cho Công an tỉnh và Viện kiểm sát nhân dân tỉnh, hai đơn vị dẫn đầu phong trào thi đua năm 2023 của Khối.

Đại tá Vũ Đình Phong, Phó Giám đốc Công an tỉnh, Khối trưởng Khối thi đua năm 2024 đề nghị các đơn vị sớm xây dựng kế hoạch thi đua, tổ chức ký kết giao ước trong tháng 02/2024.

Thu Hằng

Chia sẻ bài viết
Facebook
Zalo
BÌNH LUẬN
Gửi bình luận

Tin liên quan
Khối thi đua các cơ quan Đảng tỉnh ký kết giao ước thi đua năm 2024 (12/01/2024)
Cụm thi đua số 5 tổng kết công tác năm 2023 (28/12/2023)
Trao Huân chương Lao động cho 3 tập thể ngành giáo dục (20/12/2023)

Thống kê truy cập
Online : 120
Đã truy cập : 1245873
© Bản quyền thuộc Cổng thông tin điện tử tỉnh An Thạnh
"""
