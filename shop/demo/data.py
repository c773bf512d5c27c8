"""Deterministic demo material: real regencies and cities, Indonesian names, product templates.

Drawn from the two news reports behind the project: Dinas Sosial Jawa Barat (45 groups of 7-10 people, batik worth
about Rp750.000 to Rp1 juta, PPSBR Lembang in Bandung Barat, panti in Sukabumi and Cirebon) and Dinas Sosial Jawa
Timur (eks klien in 29 regencies and cities; Ngatini of Bojonegoro, a tailor with a disability who sews uniforms,
wedding clothes and masks).
"""

JABAR = "Jawa Barat"
JATIM = "Jawa Timur"

# (province, name, kind)
REGIONS = [
    (JABAR, "Bandung Barat", "kabupaten"), (JABAR, "Bandung", "kota"), (JABAR, "Bandung", "kabupaten"),
    (JABAR, "Sukabumi", "kabupaten"), (JABAR, "Cirebon", "kabupaten"), (JABAR, "Cirebon", "kota"),
    (JABAR, "Garut", "kabupaten"), (JABAR, "Tasikmalaya", "kota"), (JABAR, "Bogor", "kota"),
    (JABAR, "Bekasi", "kota"), (JABAR, "Cianjur", "kabupaten"), (JABAR, "Indramayu", "kabupaten"),
    (JABAR, "Kuningan", "kabupaten"), (JABAR, "Majalengka", "kabupaten"), (JABAR, "Sumedang", "kabupaten"),
    (JABAR, "Ciamis", "kabupaten"), (JABAR, "Purwakarta", "kabupaten"), (JABAR, "Karawang", "kabupaten"),
    (JABAR, "Cimahi", "kota"), (JABAR, "Depok", "kota"), (JABAR, "Subang", "kabupaten"),
    (JABAR, "Pangandaran", "kabupaten"),
    (JATIM, "Bojonegoro", "kabupaten"), (JATIM, "Surabaya", "kota"), (JATIM, "Malang", "kota"),
    (JATIM, "Malang", "kabupaten"), (JATIM, "Sidoarjo", "kabupaten"), (JATIM, "Pamekasan", "kabupaten"),
    (JATIM, "Tuban", "kabupaten"), (JATIM, "Jember", "kabupaten"), (JATIM, "Banyuwangi", "kabupaten"),
    (JATIM, "Kediri", "kota"), (JATIM, "Madiun", "kota"), (JATIM, "Blitar", "kabupaten"),
    (JATIM, "Tulungagung", "kabupaten"), (JATIM, "Ponorogo", "kabupaten"), (JATIM, "Lamongan", "kabupaten"),
    (JATIM, "Gresik", "kabupaten"), (JATIM, "Pasuruan", "kabupaten"), (JATIM, "Probolinggo", "kota"),
    (JATIM, "Sumenep", "kabupaten"), (JATIM, "Bangkalan", "kabupaten"), (JATIM, "Ngawi", "kabupaten"),
    (JATIM, "Trenggalek", "kabupaten"), (JATIM, "Mojokerto", "kota"),
]

GROUP_PREFIXES = ["Kelompok", "KUBE", "Sanggar", "Rumah", "Griya", "Kelompok Usaha"]
GROUP_WORDS = {
    "batik_tulis": ["Batik Mandiri", "Canting Emas", "Batik Harapan", "Malam Lestari", "Batik Sekar"],
    "batik_cap": ["Cap Sejahtera", "Batik Bina Karya", "Batik Tunas", "Cap Berkah"],
    "jahit": ["Jahit Mandiri", "Busana Berkah", "Jarum Emas", "Penjahit Tangguh", "Benang Sari"],
    "lukis": ["Lukis Pelangi", "Kuas Harapan", "Warna Nusantara", "Kanvas Mandiri"],
    "anyaman": ["Anyaman Bambu Lestari", "Pandan Wangi"],
    "kriya": ["Kriya Kayu Bina", "Kulit Sejahtera"],
}
CRAFT_WEIGHTS = [("batik_tulis", 10), ("batik_cap", 7), ("jahit", 14), ("lukis", 8), ("anyaman", 3), ("kriya", 3)]

FIRST_NAMES_JABAR = ["Asep", "Dede", "Euis", "Ujang", "Neneng", "Cecep", "Iis", "Dadang", "Entin", "Yayan",
                     "Ade", "Nining", "Endang", "Lilis", "Ujang", "Imas", "Agus", "Tati", "Rina", "Wawan"]
FIRST_NAMES_JATIM = ["Ngatini", "Sumarni", "Slamet", "Suparmi", "Joko", "Wahyuni", "Bambang", "Sri", "Sugeng",
                     "Endah", "Puji", "Tukiman", "Siti", "Supriyadi", "Darmi", "Eko", "Lestari", "Ratna", "Harno"]
LAST_NAMES = ["Suhendar", "Rahmawati", "Hidayat", "Kurniasih", "Setiawan", "Nurhayati", "Wibowo", "Lestari",
              "Saputra", "Handayani", "Prasetyo", "Maulana", "Susanti", "Firmansyah", "Yuliani", "Santoso"]
MEMBER_ROLES = ["ketua", "bendahara", "sekretaris"]

STORY = (
    "{name} berdiri pada {year} di {place}, beranggotakan {n} orang binaan Dinas Sosial {province}. "
    "Sebagian anggota adalah penyandang disabilitas yang dilatih {skill} di {centre}.\n\n"
    "Setiap karya dikerjakan bersama: ada yang merancang motif, ada yang {task}, ada yang merapikan dan mengemas. "
    "Hasil penjualan dicatat di buku kelompok dan dibagi kepada pembuatnya. Kelompok ini sedang menabung simpanan "
    "anggota untuk menjadi koperasi."
)
SKILL = {"batik_tulis": "membatik tulis", "batik_cap": "membatik cap", "jahit": "menjahit", "lukis": "melukis",
         "anyaman": "menganyam", "kriya": "membuat kriya"}
TASK = {"batik_tulis": "mencanting", "batik_cap": "mengecap dan mewarnai", "jahit": "memotong dan menjahit",
        "lukis": "melukis", "anyaman": "menganyam", "kriya": "mengukir dan menjahit kulit"}
CENTRES = {JABAR: ["PPSBR Lembang", "Pusyansos", "loka bina karya kabupaten", "panti rehabilitasi sosial"],
           JATIM: ["UPT Rehabilitasi Sosial", "loka bina karya", "balai pelatihan Dinas Sosial"]}

# craft -> list of (title, kind, price range, sizes, colours, lead_time_days, description)
PRODUCTS = {
    "batik_tulis": [
        ("Kain Batik Tulis Mega Mendung", "one_of_a_kind", (650_000, 1_000_000), [""], [], 0,
         "Kain batik tulis motif mega mendung khas Cirebon, pewarna alam, ukuran 2 x 1,15 meter."),
        ("Kain Batik Tulis Sekar Jagad", "one_of_a_kind", (750_000, 1_000_000), [""], [], 0,
         "Motif sekar jagad yang penuh bunga, dicanting tangan selama tiga minggu."),
        ("Selendang Batik Tulis Sutra", "ready_made", (350_000, 550_000), [""], ["merah marun", "biru indigo"], 0,
         "Selendang sutra ringan dengan motif daun, cocok untuk kondangan."),
        ("Kemeja Batik Tulis Pria", "ready_made", (400_000, 650_000), ["M", "L", "XL"], [], 0,
         "Kemeja lengan panjang dari kain batik tulis, katun primisima, dijahit rapi oleh anggota kelompok."),
        ("Kain Batik Tulis Pesanan Motif Sendiri", "made_to_order", (800_000, 1_000_000), [""], [], 21,
         "Batik tulis dengan motif pilihan Anda: logo sekolah, nama keluarga, atau motif daerah."),
    ],
    "batik_cap": [
        ("Kain Batik Cap Parang", "ready_made", (150_000, 250_000), [""], ["coklat soga", "biru"], 0,
         "Kain batik cap motif parang, katun, 2 x 1,15 meter."),
        ("Kemeja Batik Cap Anak", "ready_made", (95_000, 150_000), ["4", "6", "8", "10"], [], 0,
         "Kemeja batik anak yang nyaman untuk sekolah dan acara keluarga."),
        ("Daster Batik Cap", "ready_made", (85_000, 135_000), ["L", "XL", "XXL"], [], 0,
         "Daster batik cap adem untuk di rumah, jahitan kuat."),
        ("Sarung Batik Cap", "ready_made", (120_000, 200_000), [""], ["coklat", "hijau"], 0,
         "Sarung batik cap katun, nyaman untuk ibadah dan santai."),
        ("Taplak Meja Batik Cap", "ready_made", (90_000, 160_000), [""], [], 0,
         "Taplak meja batik cap 150 x 150 cm."),
        ("Batik Seragam Kantor", "made_to_order", (175_000, 260_000), ["S", "M", "L", "XL"], [], 14,
         "Batik seragam untuk kantor, sekolah atau komunitas; minimal pesan 10 potong."),
    ],
    "jahit": [
        ("Seragam Sekolah Jahit Ukur", "made_to_measure", (150_000, 220_000), [""], [], 10,
         "Seragam sekolah dijahit sesuai ukuran badan anak; kain dan warna mengikuti sekolah."),
        ("Kebaya Pengantin Jahit Ukur", "made_to_measure", (850_000, 1_000_000), [""], [], 30,
         "Kebaya pengantin (baju mantenan) dijahit sesuai ukuran, brokat dan payet pilihan."),
        ("Kebaya Kutubaru", "ready_made", (250_000, 400_000), ["S", "M", "L", "XL"], ["hitam", "hijau botol"], 0,
         "Kebaya kutubaru katun untuk acara resmi maupun harian."),
        ("Masker Kain Tiga Lapis", "ready_made", (10_000, 20_000), ["anak", "dewasa"], ["batik", "polos"], 0,
         "Masker kain tiga lapis, bisa dicuci, tali telinga lembut."),
        ("Seragam Kerja Jahit Ukur", "made_to_measure", (180_000, 300_000), [""], [], 14,
         "Seragam kerja atau seragam komunitas dijahit sesuai ukuran masing-masing orang."),
        ("Kemeja Koko", "ready_made", (120_000, 180_000), ["M", "L", "XL"], ["putih", "abu"], 0,
         "Kemeja koko katun dengan bordir sederhana di kerah."),
        ("Tas Belanja Kain", "ready_made", (35_000, 60_000), [""], ["batik", "kanvas"], 0,
         "Tas belanja kain yang kuat, pengganti kantong plastik."),
    ],
    "lukis": [
        ("Lukisan Pemandangan Sawah", "one_of_a_kind", (400_000, 1_000_000), [""], [], 0,
         "Lukisan cat akrilik di kanvas 60 x 40 cm, pemandangan sawah di kaki gunung."),
        ("Lukisan Bunga Teratai", "one_of_a_kind", (300_000, 750_000), [""], [], 0,
         "Lukisan cat minyak di kanvas 50 x 50 cm."),
        ("Lukisan Potret Sesuai Foto", "made_to_order", (500_000, 1_000_000), [""], [], 21,
         "Kirim foto keluarga Anda, pelukis kami membuat potret di kanvas 40 x 60 cm."),
        ("Lukisan Wayang Golek", "one_of_a_kind", (350_000, 900_000), [""], [], 0,
         "Lukisan tokoh wayang golek di kanvas 40 x 60 cm."),
        ("Lukisan Kaligrafi", "one_of_a_kind", (300_000, 850_000), [""], [], 0,
         "Kaligrafi cat akrilik di kanvas 50 x 70 cm."),
        ("Kartu Ucapan Lukis Tangan (isi 5)", "ready_made", (50_000, 75_000), [""], [], 0,
         "Lima kartu ucapan bergambar cat air, dilukis satu per satu."),
    ],
    "anyaman": [
        ("Tempat Tisu Anyaman Pandan", "ready_made", (35_000, 60_000), [""], [], 0,
         "Tempat tisu anyaman pandan, rapi dan ringan."),
        ("Topi Anyaman Bambu", "ready_made", (45_000, 90_000), [""], [], 0,
         "Topi caping anyaman bambu untuk ke sawah atau ke pantai."),
        ("Tampah Bambu", "ready_made", (30_000, 55_000), ["kecil", "besar"], [], 0,
         "Tampah bambu untuk menampi beras atau alas tumpeng."),
        ("Keranjang Anyaman Bambu", "ready_made", (60_000, 120_000), ["kecil", "besar"], [], 0,
         "Keranjang bambu anyaman tangan untuk buah, roti atau cucian."),
        ("Tikar Pandan", "ready_made", (90_000, 180_000), [""], [], 0, "Tikar pandan wangi 1 x 2 meter."),
        ("Tas Anyaman Pandan", "ready_made", (75_000, 140_000), [""], ["alami", "warna-warni"], 0,
         "Tas anyaman pandan dengan lapisan kain di dalam."),
    ],
    "kriya": [
        ("Sabuk Kulit Jahit Tangan", "ready_made", (120_000, 220_000), ["S", "M", "L"], [], 0,
         "Sabuk kulit sapi dengan gesper kuningan, dijahit tangan."),
        ("Talenan Kayu Jati", "ready_made", (60_000, 120_000), [""], [], 0,
         "Talenan dari sisa kayu jati, diampelas halus dan dilapisi minyak makanan."),
        ("Tas Selempang Kulit", "ready_made", (250_000, 450_000), [""], ["coklat", "hitam"], 0,
         "Tas selempang kulit asli dengan jahitan tangan yang kuat."),
        ("Dompet Kulit Jahit Tangan", "ready_made", (90_000, 175_000), [""], ["coklat", "hitam"], 0,
         "Dompet kulit sapi asli yang dijahit tangan."),
        ("Hiasan Dinding Ukir Kayu", "one_of_a_kind", (200_000, 450_000), [""], [], 0,
         "Ukiran kayu mahoni motif daun untuk hiasan ruang tamu."),
        ("Gantungan Kunci Kulit (isi 3)", "ready_made", (25_000, 45_000), [""], [], 0,
         "Tiga gantungan kunci kulit dengan nama atau inisial."),
    ],
}

# words that tell two groups' versions of the same kind of piece apart, in the way sellers name them
QUALIFIERS = {
    "batik_tulis": ["Motif Kawung", "Motif Truntum", "Motif Lereng", "Motif Sidomukti", "Motif Buketan",
                    "Motif Garutan", "Motif Ciamisan", "Motif Gajah Oling", "Motif Sekar Jagad", "Motif Tujuh Rupa",
                    "Warna Soga", "Warna Indigo", "Motif Merak Ngibing", "Motif Lasem"],
    "batik_cap": ["Motif Kawung", "Motif Ceplok", "Motif Truntum", "Motif Lereng", "Motif Sido Asih",
                  "Motif Sekar Jagad", "Motif Tambal", "Motif Nitik", "Warna Soga", "Warna Biru Laut",
                  "Motif Parang Rusak", "Motif Liris"],
    "jahit": ["Biru Dongker", "Merah Marun", "Hijau Botol", "Abu Tua", "Krem", "Hitam", "Putih Tulang",
              "Coklat Susu", "Ungu Terong", "Kuning Kunyit", "Salem", "Toska"],
    "lukis": ["Pagi Hari", "Senja", "Musim Panen", "Selepas Hujan", "Cat Air", "Cat Minyak", "Akrilik",
              "Kanvas Besar", "Kanvas Kecil", "Nuansa Biru", "Nuansa Hijau", "Gaya Naif"],
    "anyaman": ["Warna Alam", "Motif Mata Itik", "Motif Kotak", "Motif Kepang", "Warna-warni", "Motif Bunga",
                "Anyaman Rapat", "Tali Rotan", "Motif Sisik", "Motif Zigzag"],
    "kriya": ["Coklat Tua", "Hitam Doff", "Motif Daun", "Motif Wayang", "Kulit Domba", "Kayu Jati",
              "Kayu Mahoni", "Ukir Jepara", "Motif Batik", "Warna Alami"],
}
# a group's second craft, where it fits what its name says (a batik group also makes the other batik)
COMPANION_CRAFT = {"batik_tulis": "batik_cap", "batik_cap": "batik_tulis"}

PALETTES = {
    "batik_tulis": [(122, 46, 14), (224, 182, 110), (40, 30, 25)],
    "batik_cap": [(35, 60, 120), (230, 220, 200), (110, 70, 40)],
    "jahit": [(160, 40, 70), (245, 235, 225), (60, 110, 90)],
    "lukis": [(70, 130, 180), (240, 200, 80), (60, 140, 70)],
    "anyaman": [(190, 150, 90), (120, 90, 50), (230, 210, 170)],
    "kriya": [(100, 60, 30), (200, 160, 120), (50, 35, 25)],
}
