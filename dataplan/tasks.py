"""Thin Celery tasks: take ids, call a service."""

from celery import shared_task

from . import imports


@shared_task
def import_validate(import_id):
    imports.import_validate(import_id=import_id)


@shared_task
def import_commit(import_id):
    imports.import_commit(import_id=import_id)


@shared_task
def import_read(import_id):
    imports.import_read(import_id=import_id)
