"""The organisation area of the UI: Arkiv → Förbundet… (the förbund, its members, persons and mandates).

- ``forbund_dialog.py`` — ``ForbundDialog``: composes the pages below, the undo stack and the message line.
- ``forbund_controller.py`` — ``ForbundController``: the dialog's undo-stacked save/add/edit/remove operations.
- ``forbund_page.py`` — tab Förbundet (``ForbundPage``): details and settings, saved with one button.
- ``forbund_details.py`` — ``DetailsBox``: name, organisationsnummer, säte, address, anslagstavla, förvaringsplats.
- ``forbund_rules.py`` — ``RulesBox``: the förbundsordning's deadlines and beslutförhet.
- ``members_page.py`` — tab Medlemmar: members and shares, the contribution calculator.
- ``persons_page.py`` — tab Personer: persons and their mandates today.
- ``mandates_page.py`` — tab Uppdrag: mandates and the styrelse on a date.
- ``snapshot.py`` — ``Snapshot`` (what the dialog shows) and the share texts.
- ``record_table.py`` — ``RecordTable`` (table with Lägg till / Ändra / Ta bort), headings and hints.
- ``editors.py`` — the sub-dialogs editing one member, person or mandate, and organisationsnummer feedback.
"""
