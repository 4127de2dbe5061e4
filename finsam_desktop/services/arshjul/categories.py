"""The rings of the wheel: listing and saving the årshjul's categories."""

from __future__ import annotations

from sqlalchemy import func, select

from finsam_desktop.domain.arshjul.events import Category
from finsam_desktop.domain.common.errors import ValidationError
from finsam_desktop.persistence.database import Database
from finsam_desktop.persistence.models.arshjul import ArshjulCategory
from finsam_desktop.services.arshjul.reads import list_categories
from finsam_desktop.services.arshjul.rows import category_dto
from finsam_desktop.services.audit import record


class CategoriesService:
    def __init__(self, db: Database):
        self.db = db

    def categories(self) -> list[Category]:
        with self.db.session() as s:
            return list_categories(s)

    def save_category(self, category: Category) -> Category:
        namn = category.namn.strip()
        if not namn:
            raise ValidationError("får inte vara tomt.", "Kategorins namn")
        colour = category.farg.strip().upper()
        if len(colour) != 7 or not colour.startswith("#"):
            raise ValidationError("ange färgen som #RRGGBB.", "Färg")
        with self.db.session() as s:
            row = s.get(ArshjulCategory, category.id) if category.id else None
            if row is None:
                key = category.key.strip()
                if not key or s.scalar(select(ArshjulCategory).where(ArshjulCategory.key == key)):
                    raise ValidationError("nyckeln saknas eller används redan.", "Kategori")
                position = (s.scalar(select(func.max(ArshjulCategory.position))) or 0) + 1
                row = ArshjulCategory(key=key, position=position)
                s.add(row)
            row.namn, row.farg = namn, colour
            s.flush()
            record(s, "årshjul: kategori sparad", "arshjul_category", row.id, namn)
            return category_dto(row)
