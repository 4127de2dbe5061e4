"""The attest area of the services layer: attestordning, signaturlista, delegationsordning, delegationsbeslut.

``services.attest`` (see ``services/container.py``) is an :class:`area.AttestArea`; its attributes are the use cases.

Modules:

- ``area.py``: ``AttestArea``, which builds the use-case services below and hands them to each other;
- ``versions.py``: versions of the attestordning and the delegationsordning (drafts, copy, adopt, content hash);
- ``ordning_rows.py``: the rows of a draft version, and the prisbasbelopp the delegation limits use;
- ``attestants.py``: the signaturlista and the names in the attestordning in force on a day;
- ``attest_check.py``: "Får NN attestera?" and ``check_transaction`` (used by Intern kontroll's stickprov);
- ``batch_check.py``: loads versions, persons and mandates once for the fast whole-file check (``domain.attest.batch``);
- ``decisions.py``: the register of delegationsbeslut (entry, checks, correction, removal, attachments);
- ``anmalan.py``: anmälan to the styrelse — the dagordning item and its bilaga, and ``mark_reported_for_meeting``
  which Justering calls once a protocol is justerat;
- ``exports.py``: PDF/Excel of the signaturlista, both ordningar and the register;
- ``dto.py``: constants (``KIND_ATTEST`` …), the plain DTOs (``VersionInfo``, ``DecisionInput``, ``MeetingRef``) and
  converters from stored rows to the domain's dataclasses;
- ``lookups.py``: session-level helpers the use cases share (directory of roles, version lookups, draft guard,
  content hash, the decision DTO with its checks, meeting lookups);
- ``checks.py``: the area's ``finsam check`` invariants.
"""
