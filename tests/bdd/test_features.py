"""Every scenario of features/ is a test: the law, in plain English, executed."""
from pytest_bdd import scenarios

scenarios("../../features")
