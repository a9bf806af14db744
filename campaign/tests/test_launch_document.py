import datetime
import io
import unicodedata
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from campaign.launch_document import (
    LaunchDocumentError,
    ParsedTask,
    parse_launch_document,
    short_title,
    suggested_kind,
    text_from_bytes,
    text_from_upload,
)

THEME_2019 = (
    "Đảng bộ, chính quyền, quân và dân các dân tộc tỉnh Lạng Sơn đoàn kết, sáng tạo, thi đua lập thành tích xuất sắc "
    "chào mừng kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Thụ (04/11/1909 - 04/11/2019) và kỷ niệm 188 năm thành "
    "lập tỉnh (04/11/1831 - 04/11/2019)"
)
TASK_3_2019 = (
    "Tiếp tục đẩy mạnh Phong trào thi đua “Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới” giai đoạn "
    "2016 - 2020. Khai thác mọi tiềm năng, lợi thế của tỉnh; đẩy mạnh đầu tư phát triển kết cấu hạ tầng kinh tế - "
    "xã hội. Huy động mọi nguồn lực thực hiện tốt Chương trình xây dựng nông thôn mới, phấn đấu đưa các xã đã đăng "
    "ký đạt chuẩn nông thôn mới về đích đúng thời hạn."
)
RECIPIENTS_2019 = [
    "Hội đồng TĐKT Trung ương",
    "Ban TĐKT Trung ương",
    "Vụ địa phương, Ban TĐKT TW",
    "Thường trực Tỉnh ủy",
    "Thường trực HĐND tỉnh",
    "UBND 6 tỉnh (cụm thi đua 7 tỉnh MNBGPB)",
    "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
    "Các đơn vị trong cụm thi đua của tỉnh",
    "Sở Nội vụ (Ban TĐKT tỉnh)",
    "C, PCVP UBND tỉnh, các Phòng: CM, đơn vị trực thuộc",
    "Lưu: VT, KG-VX (NTB)",
]


@pytest.fixture
def parsed_2019(letter_2019):
    return parse_launch_document(letter_2019)


@pytest.fixture
def parsed_plan(plan_2025):
    return parse_launch_document(plan_2025)


# --- The 2019 launching letter -----------------------------------------------------------------------------------


def test_letter_2019_header_fields(parsed_2019):
    assert parsed_2019.doc_type == "PHÁT ĐỘNG"
    assert parsed_2019.title == (
        "Phong trào thi đua đặc biệt chào mừng kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Thụ "
        "(04/11/1909 - 04/11/2019)"
    )
    assert parsed_2019.theme == THEME_2019
    assert (parsed_2019.doc_number, parsed_2019.doc_date, parsed_2019.place) == ("", None, "")


def test_letter_2019_dates(parsed_2019):
    assert parsed_2019.start_date is None
    assert parsed_2019.end_date == datetime.date(2019, 10, 4)
    assert parsed_2019.anniversary_date == datetime.date(2019, 11, 4)


def test_letter_2019_issuing_bodies_are_the_four_before_phat_dong(parsed_2019):
    assert parsed_2019.issuing_bodies == [
        "Tỉnh ủy", "HĐND tỉnh", "UBND tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lạng Sơn",
    ]


def test_letter_2019_has_twelve_numbered_tasks(parsed_2019):
    assert [task.number for task in parsed_2019.tasks] == list(range(1, 13))
    assert parsed_2019.tasks[3] == ParsedTask(
        4,
        "Đẩy mạnh các hoạt động sản xuất, kinh doanh, thực hiện có hiệu quả Phong trào thi đua “Doanh nghiệp Lạng Sơn "
        "hội nhập…",
        "Đẩy mạnh các hoạt động sản xuất, kinh doanh, thực hiện có hiệu quả Phong trào thi đua “Doanh nghiệp Lạng Sơn "
        "hội nhập và phát triển”; cải thiện môi trường kinh doanh, tạo mọi điều kiện thuận lợi để phát triển các loại "
        "hình doanh nghiệp, nhất là doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh cá thể; khuyến khích phong trào "
        "khởi nghiệp, sáng tạo.",
    )


def test_letter_2019_task_3_broken_by_a_page_is_rejoined(parsed_2019):
    assert parsed_2019.tasks[2].text == TASK_3_2019
    assert parsed_2019.tasks[2].short_title == (
        "Tiếp tục đẩy mạnh Phong trào thi đua “Lạng Sơn cùng cả nước chung sức xây dựng nông thôn mới” giai đoạn "
        "2016 - 2020"
    )


def test_letter_2019_task_9_broken_by_a_page_is_rejoined(parsed_2019):
    text = parsed_2019.tasks[8].text
    assert "Kết thúc đợt thi đua các cơ quan, đơn vị tổ chức đánh giá, bình xét thi đua" in text
    assert "\n" not in text
    assert text.endswith("đối với các tập thể, cá nhân, hộ gia đình có thành tích xuất sắc.")


def test_letter_2019_paragraph_after_task_10_belongs_to_task_10(parsed_2019):
    assert parsed_2019.tasks[9].text.split("\n") == [
        "Các cơ quan báo chí, truyền thông của tỉnh phối hợp với các cơ quan liên quan tổ chức tuyên truyền nội dung "
        "phát động thi đua gắn với giới thiệu, quảng bá tiềm năng, phát triển kinh tế - xã hội của tỉnh; tuyên truyền "
        "về thân thể, sự nghiệp và những đóng góp của đồng chí Hoàng Văn Thụ đối với phong trào cách mạng Việt Nam nói "
        "chung và tỉnh Lạng Sơn nói riêng; nêu gương người tốt, việc tốt, nhân tố mới, mô hình mới trên các phương "
        "tiện thông tin đại chúng để Nhân dân các dân tộc trong tỉnh biết, học tập, noi theo.",
        "Kết thúc phong trào thi đua UBND tỉnh tổ chức tổng kết và biểu dương khen thưởng những tập thể, cá nhân có "
        "thành tích xuất sắc tiêu biểu trong đợt thi đua kỷ niệm 110 năm ngày sinh đồng chí Hoàng Văn Thụ và kỷ niệm "
        "188 năm ngày thành lập tỉnh Lạng Sơn.",
    ]


def test_letter_2019_closing_paragraph_is_not_part_of_task_12(parsed_2019):
    assert parsed_2019.tasks[11].text == (
        "Sở Nội vụ, Ban Thi đua - Khen thưởng (Cơ quan thường trực của Hội đồng TĐKT tỉnh) phối hợp với các cơ quan "
        "liên quan tham mưu cho Hội đồng Thi đua - Khen thưởng tỉnh, UBND tỉnh theo dõi, kiểm tra, đôn đốc việc tổ "
        "chức thực hiện; hướng dẫn các cơ quan, đơn vị thuộc các cụm thi đua năm 2019 của tỉnh tổng kết, đánh giá, "
        "bình xét khen thưởng đợt thi đua cao điểm này."
    )


def test_letter_2019_has_no_bold_markers_anywhere(parsed_2019):
    texts = [parsed_2019.title, parsed_2019.theme, *parsed_2019.recipients]
    texts += [task.text for task in parsed_2019.tasks] + [task.short_title for task in parsed_2019.tasks]
    assert [text for text in texts if "**" in text] == []
    assert "“Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”" in parsed_2019.tasks[0].text


def test_letter_2019_recipients_join_continuation_lines(parsed_2019):
    assert parsed_2019.recipients == RECIPIENTS_2019


def test_letter_2019_signer(parsed_2019):
    assert (parsed_2019.signer_position, parsed_2019.signer_name) == ("CHỦ TỊCH", "Phạm Ngọc Thưởng")


def test_letter_2019_warns_only_about_the_missing_start_date(parsed_2019):
    assert parsed_2019.warnings == ["Văn bản không ghi ngày bắt đầu: hãy nhập ngày bắt đầu."]


def test_short_titles_fit_and_end_between_words(parsed_2019):
    for task in parsed_2019.tasks:
        assert len(task.short_title) <= 120
        stem = task.short_title.removesuffix("…")
        assert task.text.startswith(stem)
        assert task.text[len(stem)] in " ,.;:" or len(stem) == len(task.text)


# --- A plan (kế hoạch) with Roman-numbered sections -----------------------------------------------------------------


def test_plan_header_fields(parsed_plan):
    assert parsed_plan.doc_type == "KẾ HOẠCH"
    assert parsed_plan.title == (
        "Tổ chức phong trào thi đua đặc biệt chào mừng kỷ niệm 80 năm Cách mạng tháng Tám thành công và Quốc khánh "
        "nước Cộng hòa xã hội chủ nghĩa Việt Nam (02/9/1945 - 02/9/2025)"
    )
    assert parsed_plan.doc_number == "45/KH-UBND"
    assert (parsed_plan.place, parsed_plan.doc_date) == ("Lạng Sơn", datetime.date(2025, 3, 10))
    assert parsed_plan.issuing_bodies == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"]
    assert parsed_plan.theme == (
        "Lạng Sơn đoàn kết, đổi mới, thi đua lập thành tích chào mừng kỷ niệm 80 năm Cách mạng tháng Tám thành công "
        "và Quốc khánh 02/9"
    )


def test_plan_dates(parsed_plan):
    assert (parsed_plan.start_date, parsed_plan.end_date, parsed_plan.anniversary_date) == (
        datetime.date(2025, 3, 15), datetime.date(2025, 8, 15), datetime.date(2025, 9, 2),
    )


def test_plan_tasks_are_only_the_items_of_the_contents_section(parsed_plan):
    assert [(task.number, task.short_title) for task in parsed_plan.tasks] == [
        (1, "Thi đua hoàn thành vượt mức các chỉ tiêu phát triển kinh tế - xã hội năm 2025"),
        (2, "Thi đua đẩy mạnh cải cách hành chính, chuyển đổi số"),
        (3, "Thi đua chung sức xây dựng nông thôn mới, đô thị văn minh"),
        (4, "Thi đua bảo đảm an sinh xã hội, chăm lo đời sống Nhân dân"),
        (5, "Thi đua giữ vững quốc phòng, an ninh, trật tự an toàn xã hội, bảo đảm an toàn tuyệt đối các sự kiện "
            "chính trị, văn hóa…"),
        (6, "Các cơ quan, đơn vị lựa chọn công trình, phần việc cụ thể để gắn biển chào mừng"),
    ]


def test_plan_task_keeps_its_sub_items(parsed_plan):
    assert parsed_plan.tasks[1].text.split("\n")[1:] == [
        "a) Các sở, ban, ngành rà soát, đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý;",
        "b) Ủy ban nhân dân các huyện, thành phố nâng cao chất lượng hoạt động của Bộ phận Một cửa.",
    ]


def test_plan_task_broken_across_a_page_number_is_rejoined(parsed_plan):
    assert parsed_plan.tasks[2].text.endswith(
        "Huy động các nguồn lực xã hội hóa cùng với nguồn vốn ngân sách để hoàn thiện hạ tầng giao thông nông thôn, "
        "trường học, trạm y tế."
    )


def test_plan_recipients_and_signer(parsed_plan):
    assert parsed_plan.recipients == [
        "Ban Thi đua - Khen thưởng Trung ương", "Thường trực Tỉnh ủy", "Thường trực HĐND tỉnh",
        "Chủ tịch, các PCT UBND tỉnh", "Các sở, ban, ngành, đoàn thể tỉnh", "UBND các huyện, thành phố",
        "Báo Lạng Sơn, Đài PT-TH tỉnh", "C, PCVP UBND tỉnh, các phòng chuyên môn", "Lưu: VT, NC",
    ]
    assert (parsed_plan.signer_position, parsed_plan.signer_name) == ("PHÓ CHỦ TỊCH", "Hoàng Văn Nam")
    assert parsed_plan.warnings == []


def test_plan_without_a_contents_section_is_refused():
    text = "KẾ HOẠCH\nThi đua năm 2025\nI. MỤC ĐÍCH\n1. Động viên.\nII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ hướng dẫn."
    with pytest.raises(LaunchDocumentError) as error:
        parse_launch_document(text)
    assert str(error.value) == (
        "Kế hoạch không có mục “NỘI DUNG THI ĐUA”. Các mục tìm thấy: MỤC ĐÍCH; TỔ CHỨC THỰC HIỆN."
    )


def test_plan_accepts_a_contents_and_targets_heading():
    text = (
        "KẾ HOẠCH\nThi đua năm 2025\nI. MỤC ĐÍCH\n1. Động viên.\nII. NỘI DUNG, CHỈ TIÊU THI ĐUA\n"
        "1. Thi đua phát triển kinh tế.\n2. Thi đua giữ vững an ninh.\nIII. KHEN THƯỞNG\n1. Bằng khen."
    )
    assert [task.text for task in parse_launch_document(text).tasks] == [
        "Thi đua phát triển kinh tế.", "Thi đua giữ vững an ninh.",
    ]


# --- Edge cases ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n  ", None])
def test_empty_text_is_refused(text):
    with pytest.raises(LaunchDocumentError) as error:
        parse_launch_document(text)
    assert str(error.value) == "Văn bản trống: hãy tải lên hoặc dán toàn văn văn bản phát động."


def test_text_without_tasks_is_refused():
    with pytest.raises(LaunchDocumentError) as error:
        parse_launch_document("PHÁT ĐỘNG\nPhong trào thi đua\nMọi người hãy thi đua thật tốt.")
    assert str(error.value) == (
        "Không tìm thấy nội dung thi đua nào: văn bản cần có các nội dung được đánh số “1.”, “2.”, …"
    )


def test_document_without_type_line_takes_the_first_paragraph_as_title():
    parsed = parse_launch_document("Thi đua chào mừng năm mới\n1. Làm tốt việc được giao.")
    assert (parsed.doc_type, parsed.title) == ("", "Thi đua chào mừng năm mới")
    assert parsed.warnings[0] == (
        "Không thấy dòng loại văn bản (PHÁT ĐỘNG, KẾ HOẠCH…): tên phong trào lấy theo đoạn đầu tiên, hãy kiểm tra lại."
    )


def test_out_of_sequence_number_is_kept_in_the_task_above_with_a_warning():
    parsed = parse_launch_document("PHÁT ĐỘNG\nThi đua\n1. Việc một.\n5. Việc lạ.\n2. Việc hai.")
    assert parsed.tasks == [ParsedTask(1, "Việc một", "Việc một.\n5. Việc lạ."), ParsedTask(2, "Việc hai", "Việc hai.")]
    assert "Đoạn “5. Việc lạ.” có số thứ tự không liền mạch, đã được gộp vào nội dung 1." in parsed.warnings


def test_decomposed_unicode_is_read_as_nfc(letter_2019):
    parsed = parse_launch_document(unicodedata.normalize("NFD", letter_2019))
    assert parsed.signer_name == "Phạm Ngọc Thưởng"
    assert parsed.tasks[2].text == TASK_3_2019


def test_impossible_date_is_dropped_with_a_warning():
    parsed = parse_launch_document("PHÁT ĐỘNG\nThi đua\nThi đua từ nay đến ngày 31/02/2019.\n1. Việc một.")
    assert parsed.end_date is None
    assert "Ngày 31/02/2019 không có thật, đã bỏ qua." in parsed.warnings


def test_short_title_cuts_a_long_clause_between_words():
    text = "Thi đua " + "phát triển kinh tế " * 10 + "bền vững."
    title = short_title(text)
    assert title == "Thi đua " + "phát triển kinh tế " * 5 + "phát triển kinh…"
    assert len(title) <= 120


def test_suggested_kind(parsed_2019):
    assert suggested_kind(parsed_2019) == "special"
    assert suggested_kind(parse_launch_document("KẾ HOẠCH\nPhong trào thi đua chuyên đề cải cách\n1. Việc.")) == (
        "thematic"
    )
    assert suggested_kind(parse_launch_document("KẾ HOẠCH\nPhong trào thi đua năm 2025\n1. Việc.")) == "regular"


# --- Uploads ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_text_upload_in_each_accepted_encoding(letter_2019, encoding):
    upload = SimpleUploadedFile("phat-dong.txt", letter_2019.encode(encoding))
    assert parse_launch_document(text_from_upload(upload)).tasks[2].text == TASK_3_2019


def test_docx_upload_is_read_with_its_tables(letter_2019):
    document = docx.Document()
    header = document.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN"
    header.cell(0, 1).paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Lạng Sơn, ngày 05 tháng 3 năm 2019")
    for paragraph in letter_2019.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("van-ban.bin", buffer.getvalue())
    parsed = parse_launch_document(text_from_upload(upload))
    assert parsed.issuing_bodies == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"]
    assert (parsed.doc_date, parsed.start_date) == (datetime.date(2019, 3, 5), datetime.date(2019, 3, 5))
    assert len(parsed.tasks) == 12
    assert parsed.tasks[2].text == TASK_3_2019


def test_renamed_binary_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
    with pytest.raises(LaunchDocumentError) as error:
        text_from_upload(SimpleUploadedFile("phat-dong.txt", png))
    assert str(error.value) == (
        "Tệp không phải văn bản đọc được: hãy tải lên tệp .txt (mã UTF-8) hoặc .docx, hoặc dán nội dung."
    )


def test_zip_that_is_not_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(LaunchDocumentError) as error:
        text_from_bytes(buffer.getvalue())
    assert str(error.value) == "Tệp nén này không phải văn bản Word (.docx)."


def test_old_word_document_is_refused_with_advice():
    with pytest.raises(LaunchDocumentError) as error:
        text_from_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert str(error.value) == "Đây là tệp Word cũ (.doc). Hãy mở bằng Word, lưu lại dưới dạng .docx rồi tải lên."


def test_empty_file_is_refused():
    with pytest.raises(LaunchDocumentError) as error:
        text_from_bytes(b"")
    assert str(error.value) == "Tệp trống, không có nội dung."
