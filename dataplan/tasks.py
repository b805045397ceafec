"""Thin Celery tasks: take ids, call a service."""

from celery import shared_task

from . import imports


@shared_task
def validate_import(import_id):
    imports.import_validate(import_id=import_id)


@shared_task
def commit_import(import_id):
    imports.import_commit(import_id=import_id)


@shared_task
def read_import(import_id):
    imports.import_read(import_id=import_id)
