"""Tests of ml/serving; run from ml/ with /usr/bin/python3 -m pytest serving/tests."""
