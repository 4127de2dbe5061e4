"""The attest area object: ``services.attest`` returns one of these, whose attributes are the use cases."""

from __future__ import annotations

from finsam_desktop.domain.attest.rules import KIND_ATTEST, KIND_DELEGATION
from finsam_desktop.persistence.database import Database
from finsam_desktop.services.arshjul.ports import Decision
from finsam_desktop.services.attest.anmalan import AnmalanService
from finsam_desktop.services.attest.attest_check import AttestCheckService
from finsam_desktop.services.attest.attestants import AttestantsService
from finsam_desktop.services.attest.batch_check import BatchCheckService
from finsam_desktop.services.attest.decisions import DecisionsService
from finsam_desktop.services.attest.exports import ExportsService
from finsam_desktop.services.attest.ordning_rows import OrdningRowsService
from finsam_desktop.services.attest.versions import VersionsService


class AttestArea:
    """Attestordning, signaturlista, delegationsordning and the register of delegationsbeslut, by use case:

    - ``versions``: versions of both ordningar (drafts, copy, adopt, content hash);
    - ``rows``: the rows of a draft, and the prisbasbelopp;
    - ``attestants``: the signaturlista and who attests on a day;
    - ``check``: "Får NN attestera?" and the check of one payment (Intern kontroll);
    - ``batch``: the same check for a whole file at once (Intern kontroll's population analysis);
    - ``decisions``: the register of delegationsbeslut and their attachments;
    - ``anmalan``: anmälan to the styrelse (the dagordning item and its bilaga; Justering marks them anmälda);
    - ``exports``: PDF and Excel files.
    """

    def __init__(self, db: Database):
        self.versions = VersionsService(db)
        self.rows = OrdningRowsService(db)
        self.attestants = AttestantsService(db)
        self.check = AttestCheckService(db)
        self.batch = BatchCheckService(db)
        self.decisions = DecisionsService(db)
        self.anmalan = AnmalanService(db)
        self.exports = ExportsService(db, self.versions, self.rows, self.attestants, self.decisions)

    def arshjul_decisions(self, year: int) -> dict[str, Decision]:
        """The Årshjul's "… {year + 1} fastställs" events: done when a version starting in that year is antagen."""
        out = {}
        for key, kinds, todo in (
            ("attestordning", (KIND_ATTEST,), f"anta attestordningen för {year + 1} där"),
            ("signaturlista", (KIND_ATTEST,), f"anta attestordningen med signaturlistan för {year + 1} där"),
            ("delegationsordning", (KIND_DELEGATION,), f"anta delegationsordningen för {year + 1} där"),
        ):
            done = any(
                v.adopted and v.valid_from.year == year + 1 for kind in kinds for v in self.versions.list_versions(kind)
            )
            out[key] = Decision(done, area="attest", area_name="Attest & delegation", todo=todo)
        return out
