"""The Justering & anslag view (a sub-tab of Sammanträden): protocols from klart för justering to nedtaget.

view       the sub-tab (``create_justering_view``): layout, selection, button states
model      its table columns and colours
detail     the selected protocol's details and history
dialogs    the date dialog
actions    the slots of its buttons (calls ``services.justering``)
"""
