"""Last opp: check a workbook, preview what changes, import it; manage the rounds."""

import streamlit as st

from followup import ui
from followup.i18n import t
from followup.ui import auth, upload

ui.through_navigation()

auth.require("import")
lg = ui.lang()
ui.sidebar_footer(lg, divider=False, present_toggle=False)
st.title(t("page.upload", lg), anchor=False)
upload.notice()
st.caption(t("up.intro", lg))
upload.template_button()
uploaded = st.file_uploader(t("up.file", lg), type=["xlsx", "xlsm", "xls"],
                            key=upload.uploader_key())
if uploaded is None:
    upload.forget()
else:
    result = upload.checked(uploaded)
    upload.summary(result)
    as_of = upload.as_of_input(result)
    upload.changes(result, as_of)
    upload.import_button(result, as_of)
st.divider()
upload.rounds()
upload.audit_log()
