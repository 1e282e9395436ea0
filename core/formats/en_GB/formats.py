# Dates as the councils' papers write them: "7 March 2022" in prose,
# "31/03/2022" in tables (the |date:"SHORT_DATE_FORMAT" filter).
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
FIRST_DAY_OF_WEEK = 1
