from django.contrib import admin

from .models import Building, Lease, LeaseOption, Premise, SharedUse

admin.site.register(Building)
admin.site.register(Premise)
admin.site.register(Lease)
admin.site.register(LeaseOption)
admin.site.register(SharedUse)
