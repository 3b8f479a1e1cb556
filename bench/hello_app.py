"""The baseline for bench/serving_bench.py: a hello-world page with one plotly chart."""

import plotly.graph_objects as go
import streamlit as st

st.title("Hello, world")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[1, 3, 2])))
