from django.contrib import admin

from .models import Building, Lease, LeaseOption, Premise, SharedUse, SupportService

admin.site.register(Building)
admin.site.register(Premise)
admin.site.register(Lease)
admin.site.register(LeaseOption)
admin.site.register(SharedUse)
admin.site.register(SupportService)
