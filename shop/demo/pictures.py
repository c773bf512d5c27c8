"""Generated product pictures: deterministic patterns per craft, drawn with Pillow (no downloads)."""
from __future__ import annotations

import random

from PIL import Image, ImageDraw

from shop.demo.data import PALETTES

SIZE = (1024, 768)


def pattern(craft: str, seed: int) -> Image.Image:
    rng = random.Random(seed)
    base, accent, dark = PALETTES.get(craft, PALETTES["batik_cap"])
    img = Image.new("RGB", SIZE, accent)
    draw = ImageDraw.Draw(img)
    step = rng.choice((64, 96, 128))
    if craft.startswith("batik"):
        for y in range(0, SIZE[1] + step, step):
            for x in range(0, SIZE[0] + step, step):
                offset = step // 2 if (y // step) % 2 else 0
                r = rng.randint(step // 4, step // 2)
                draw.ellipse((x + offset - r, y - r, x + offset + r, y + r), outline=base, width=6)
                draw.ellipse((x + offset - r // 3, y - r // 3, x + offset + r // 3, y + r // 3), fill=dark)
    elif craft == "lukis":
        for i in range(8):
            y = SIZE[1] * i // 8
            colour = tuple(min(255, c + rng.randint(-30, 30)) for c in (base if i < 4 else dark))
            draw.rectangle((0, y, SIZE[0], y + SIZE[1] // 8), fill=colour)
        for _ in range(20):
            x, y = rng.randint(0, SIZE[0]), rng.randint(SIZE[1] // 2, SIZE[1])
            draw.ellipse((x - 20, y - 20, x + 20, y + 20), fill=accent)
    elif craft == "anyaman":
        for i in range(0, SIZE[0], step // 2):
            draw.rectangle((i, 0, i + step // 4, SIZE[1]), fill=base)
        for j in range(0, SIZE[1], step // 2):
            draw.rectangle((0, j, SIZE[0], j + step // 4), fill=dark if (j // step) % 2 else base)
    else:  # clothes and leather: a garment silhouette on cloth
        for y in range(0, SIZE[1], 24):
            draw.line((0, y, SIZE[0], y + rng.randint(-6, 6)), fill=base, width=3)
        w, h = SIZE
        draw.polygon([(w * .35, h * .15), (w * .65, h * .15), (w * .8, h * .3), (w * .72, h * .38),
                      (w * .65, h * .32), (w * .65, h * .85), (w * .35, h * .85), (w * .35, h * .32),
                      (w * .28, h * .38), (w * .2, h * .3)], fill=dark)
    return img
