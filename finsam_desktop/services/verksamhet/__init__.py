"""The Verksamhet area's services: insatser (type, phase, målgrupp, personal, financing), their goals and indicators (uppfoljning) and deltagare statistics with its import (deltagare),
aktiviteter (forum, frukostmöten, utbildningar; shown in the Årshjul through its port) and the lägesrapport
(lagesrapport)."""
