"""Last opp: check a workbook, say what it covers and preview what changes, import it (or
several at once, each its own round); manage the rounds."""

import streamlit as st

from followup import ui
from followup.i18n import t
from followup.ui import auth, upload, upload_many, upload_scope

ui.through_navigation()

auth.require("import")
lg = ui.lang()
ui.sidebar_footer(lg, divider=False, present_toggle=False)
st.title(t("page.upload", lg), anchor=False)
upload.notice()
st.caption(t("up.intro", lg))
upload.template_button()
# any file is taken, so that one that is not a workbook is answered in the user's language
files = upload.workbooks(st.file_uploader(t("up.file", lg), key=upload.uploader_key(),
                                          accept_multiple_files=True))
if len(files) != 1:
    upload.forget()
if len(files) < 2:
    upload_many.forget()
if len(files) > 1:
    upload_many.section(files)
elif files:
    result = upload.checked(files[0])
    as_of = upload.as_of_chosen(result)
    made = upload_scope.shown(result, as_of) if upload.ready(result) else None
    upload.summary(result, made)
    upload.as_of_input(result)
    if made is not None:
        upload_scope.scope_input(result)
        upload_scope.verdict(made)
        upload_scope.changes(made, as_of)
    upload.import_button(result, as_of, upload_scope.scope(), made)
st.divider()
upload.rounds()
upload.audit_log()
